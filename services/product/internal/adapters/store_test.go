package adapters

import (
	"testing"

	"github.com/marketplace/marketplace/services/product/internal/domain"
)

func TestTSQuery(t *testing.T) {
	tests := []struct{ text, want string }{
		{"mug", "mug:*"},
		{"Stoneware  MUG", "stoneware:* & mug:*"},
		{"t-shirt", "t:* & shirt:*"},
		{"a:* | !b & (c) 'd' \\e <-> f", "a:* & b:* & c:* & d:* & e:* & f:*"},
		{"crème brûlée", "crème:* & brûlée:*"},
	}
	for _, tt := range tests {
		if got := TSQuery(domain.ListQuery{Text: tt.text}.Words()); got != tt.want {
			t.Errorf("TSQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
