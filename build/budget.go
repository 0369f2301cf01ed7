package build

import (
	"context"
	"fmt"

	"golang.org/x/sync/semaphore"
)

// ImageMemory is the most memory that the images being decoded, converted
// and embedded may hold at once in one handout process, whatever -j is:
// 512 MiB. Each image's need is worked out from its header before it is
// decoded (see imageCost): the decoded pixels, and for a progressive JPEG
// its coefficients, 4 bytes for each sample; the converted copies; and,
// while a PDF is rendered, what the PDF writer unpacks of a PNG with
// transparency. Work that would pass the budget waits until other work
// gives memory back; an image that alone needs more is an error.
//
// Every image of at most MaxImagePixels fits, but for the heaviest
// encodings near that size: a 16-bit interlaced RGBA PNG of 40
// megapixels needs 480 MB, and fits; a progressive JPEG with full-size
// colour (4:4:4, as some editors save at high quality) or in CMYK needs
// 15 or 24 bytes a pixel, and fits up to 35 or 22 megapixels.
const ImageMemory = 512 << 20

// MemoryLimit is the soft limit of the Go heap that handout sets when
// GOMEMLIMIT is not set (see runtime/debug.SetMemoryLimit): ImageMemory
// and 128 MiB for everything else, which a build of a thousand files at
// -j 32 stays well under. Without it, memory that images give back would
// be collected only once the heap had grown by GOGC percent.
const MemoryLimit = ImageMemory + 128<<20

// imageMemory is the process's ImageMemory budget: one for the process, as
// the memory is.
var imageMemory = semaphore.NewWeighted(ImageMemory)

// reserve waits until n bytes of imageMemory are free, or ctx is done, and
// takes them; the caller gives them back with imageMemory.Release(n). what
// completes the error for n larger than the whole budget, such as "to
// decode". A reservation of 0 takes nothing and never waits.
func reserve(ctx context.Context, n int64, what string) error {
	if n <= 0 {
		return nil
	}
	if n > ImageMemory {
		return fmt.Errorf("needs %s of memory %s: an image may need at most %s (see Limits in docs/format.md)",
			mb(n), what, mb(ImageMemory))
	}
	return imageMemory.Acquire(ctx, n)
}

// release gives back n bytes that reserve took.
func release(n int64) {
	if n > 0 {
		imageMemory.Release(n)
	}
}

// mb formats n bytes in whole megabytes (MiB), rounded up.
func mb(n int64) string { return fmt.Sprintf("%d MB", (n+1<<20-1)>>20) }
