package web

import "testing"

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		amount   int64
		currency string
		want     string
	}{
		{1999, "EUR", "€19.99"},
		{5, "EUR", "€0.05"},
		{0, "USD", "$0.00"},
		{123456789, "GBP", "£1,234,567.89"},
		{-250, "EUR", "-€2.50"},
		{1500, "JPY", "¥1,500"},
		{1000, "XYZ", "XYZ 10.00"},
	}
	for _, tt := range tests {
		if got := formatMoney(tt.amount, tt.currency); got != tt.want {
			t.Errorf("formatMoney(%d, %s) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/admin": "/admin", "/products?q=x": "/products?q=x", "//evil.com": "/",
		"/\\evil.com": "/", "https://evil.com/": "/", "javascript:alert(1)": "/", "admin": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
