package picture

import (
	"bytes"
	"image"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marketplace/marketplace/services/platform/picture"
	"github.com/marketplace/marketplace/services/platform/picture/picturetest"
)

// BenchmarkVariants12MP turns a 12-megapixel JPEG (4000x3000, quality 90,
// detail everywhere) into its three encoded variants on one core, as the
// worker does: decode, resize, encode. It reports the time per image and
// the peak of the heap above what was live before (sampled every
// millisecond). Budget: under 1.5 s and 300 MB.
//
//	go test -run '^$' -bench Variants12MP -benchtime 5x ./services/media/internal/picture/
func BenchmarkVariants12MP(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	data := picturetest.JPEG(picturetest.Photo(4000, 3000, 7), 90)
	b.SetBytes(int64(len(data)))
	runtime.GC()
	base := heapBytes()
	peak := watchPeak()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if err := makeAll(data); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	max := peak()
	b.ReportMetric(float64(elapsed.Milliseconds())/float64(b.N), "ms/image")
	b.ReportMetric(float64(max-base)/(1<<20), "peak-heap-MB")
}

// The budget, checked in the ordinary test run too: one 12-megapixel
// photo on one core stays well under 300 MB of heap.
func TestVariants12MPMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a 12-megapixel photo")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	data := picturetest.JPEG(picturetest.Photo(4000, 3000, 7), 90)
	runtime.GC()
	base := heapBytes()
	peak := watchPeak()
	start := time.Now()
	if err := makeAll(data); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	used := (peak() - base) >> 20
	t.Logf("12 MP JPEG (%d KiB) to three variants on one core: %v, peak heap +%d MiB", len(data)>>10, took, used)
	if used > 300 {
		t.Fatalf("peak heap +%d MiB, budget 300", used)
	}
}

func makeAll(data []byte) error {
	img, err := picture.Decode(data)
	if err != nil {
		return err
	}
	set := Variants(img)
	var out bytes.Buffer
	for _, m := range []*image.RGBA{set.Thumb, set.Medium, set.Large} {
		out.Reset()
		if err := picture.EncodeJPEG(&out, m, Quality); err != nil {
			return err
		}
	}
	return nil
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() uint64 {
	metrics.Read(heapSample)
	return heapSample[0].Value.Uint64()
}

// watchPeak samples the heap every millisecond until the returned function
// is called, which reports the highest value seen.
func watchPeak() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		if h := heapBytes(); h > peak.Load() {
			peak.Store(h)
		}
		return peak.Load()
	}
}
