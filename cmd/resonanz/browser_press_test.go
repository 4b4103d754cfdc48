package main

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// press types one key as a keyboard does: the key-down event carries the
// text, so a page that handles the key (preventDefault) keeps the text out,
// which chromedp's KeyEvent, sending the text as an event of its own, does not.
func press(t *testing.T, ctx context.Context, key rune) {
	t.Helper()
	v, ok := kb.Keys[key]
	if !ok {
		t.Fatalf("no key for %q", key)
	}
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: v.Key, Code: v.Code,
		WindowsVirtualKeyCode: v.Windows, NativeVirtualKeyCode: v.Native}
	if v.Print {
		down.Text, down.UnmodifiedText = v.Text, v.Unmodified
	}
	if v.Shift {
		down.Modifiers = 8 // Shift
	}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	for _, e := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, e); err != nil {
			t.Fatalf("press %q: %v", key, err)
		}
	}
}
