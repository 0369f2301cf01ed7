// Package cjksample makes the small Chinese and Japanese font in
// fonts/testdata, cjk-sample.ttf, by subsetting Droid Sans Fallback
// (DroidSansFallbackFull.ttf of Debian's fonts-droid-fallback, Apache
// License 2.0) with the fonts package's own subsetter. Its command,
// mkcjksample, rewrites the file: go generate ./fonts/.
package cjksample

import (
	"strings"

	"handout/fonts"
)

// Common is 600 of the most used Chinese characters, roughly in order of
// use; most are used in Japanese too.
const Common = "" +
	"水的一是不了人在有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作" +
	"里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想" +
	"实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体" +
	"政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比" +
	"员解名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件" +
	"计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象" +
	"完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改" +
	"收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调" +
	"深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企" +
	"八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列" +
	"武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供" +
	"效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值"

// Punctuation is the punctuation of Chinese and Japanese text: the
// ideographic space, comma and full stop, brackets and quotation marks,
// the middle dot and the prolonged sound mark, and the full-width forms.
const Punctuation = "\u3000、。〃々〆〇「」『』【】〔〕〖〗〘〙〜・ー" +
	"！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～｟｠｡｢｣､･" +
	"“”‘’…—"

// Runes returns the runes the sample font is made for: Common, the
// hiragana and katakana, Punctuation, the full-width digits and Latin
// letters, and the space.
func Runes() []rune {
	var b strings.Builder
	b.WriteString(" " + Common + Punctuation)
	for _, r := range [][2]rune{{0x3041, 0x3096}, {0x30A1, 0x30FA}, {0xFF10, 0xFF19}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}} {
		for c := r[0]; c <= r[1]; c++ {
			b.WriteRune(c)
		}
	}
	return []rune(b.String())
}

// Make returns the sample font: the subset of Droid Sans Fallback, given
// as droid, of the Runes it has.
func Make(droid []byte) ([]byte, error) {
	f, err := fonts.Parse("DroidSansFallbackFull.ttf", droid)
	if err != nil {
		return nil, err
	}
	return f.Subset(Runes())
}
