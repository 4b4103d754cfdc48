package main

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/demo"
)

var update = flag.Bool("update", false, "take the screenshots of docs/ui.md anew (TestScreenshots)")

// TestScreenshots takes the screenshots of docs/ui.md: inbox, conversation
// and crisis room of the demo, on a phone (390 px) and a laptop (1,366 px).
// Refresh them with
//
//	go test ./cmd/resonanz -run TestScreenshots -args -update
func TestScreenshots(t *testing.T) {
	if !*update {
		t.Skip("takes the screenshots of docs/ui.md only with -update")
	}
	m, _ := startMain(t, true)
	ctx, _ := newBrowser(t)
	bg := context.Background()
	teams, err := m.DB.FindTeams(bg)
	must(t, err)
	delivery := teams[slices.IndexFunc(teams, func(t *resonanz.Team) bool { return t.Name == "Versand & Lieferung" })]
	// A German Mastodon case about a delivery shows the counter, a canned reply and a team's signature.
	open, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{OpenWork: true, Channel: "mastodon", TeamID: delivery.ID,
		Language: resonanz.LangGerman, Limit: 1})
	must(t, err)
	alerts, err := m.DB.FindAlerts(bg, true)
	must(t, err)
	if len(open.Conversations) == 0 || len(alerts) == 0 {
		t.Fatal("the demo has no open delivery case on Mastodon or no alert")
	}
	storm := slices.MaxFunc(alerts, func(a, b *resonanz.Alert) int { return cmp.Compare(a.Authors, b.Authors) })
	lea, err := m.DB.FindUserByLogin(bg, "lea@example.org")
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/login"), chromedp.WaitVisible("#login"),
		chromedp.SendKeys("#login", lea.Login), chromedp.SendKeys("#password", demo.Password),
		chromedp.Click("#login-submit"), chromedp.WaitVisible("#inbox")))
	pages := []struct{ name, path, then string }{
		{"inbox", "/", ""},
		// The reply box after "/liefer" and Enter: a canned reply filled in, the counter, the signatures.
		{"conversation", fmt.Sprint("/conversations/", open.Conversations[0].ID), "/liefer"},
		{"crisis", fmt.Sprint("/alerts/", storm.ID), ""},
	}
	dir := filepath.Join("..", "..", "docs", "ui")
	must(t, os.MkdirAll(dir, 0o755))
	for _, size := range []struct{ width, height int64 }{{390, 844}, {1366, 768}} {
		must(t, chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)))
		for _, p := range pages {
			must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+p.path), chromedp.WaitReady("main")))
			waitFor(t, ctx, `document.readyState === "complete"`)
			if p.then != "" {
				evalString(t, ctx, `document.querySelector("#reply-form").scrollIntoView(); ""`)
				must(t, chromedp.Do(ctx, chromedp.Focus("#reply-text"), chromedp.SendKeys("#reply-text", p.then)))
				waitFor(t, ctx, `!document.querySelector("#canned-list").hidden`)
				press(t, ctx, '\r')
				// The latest messages above, the reply box below.
				evalString(t, ctx, `document.querySelector("#reply-send").scrollIntoView({block: "end"}); ""`)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			must(t, err)
			small, err := fewerColors(shot)
			must(t, err)
			file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", p.name, size.width))
			must(t, os.WriteFile(file, small, 0o644))
			t.Logf("%s: %d KB", file, len(small)/1024)
		}
	}
}

// fewerColors keeps a screenshot's 256 most frequent colours, mapping the
// rest to the nearest of them: a UI has few colours, and the PNG shrinks to
// a fraction.
func fewerColors(shot []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		colors = append(colors, c)
	}
	slices.SortFunc(colors, func(a, b color.RGBA) int { return cmp.Compare(counts[b], counts[a]) })
	palette := make(color.Palette, 0, 256)
	for _, c := range colors[:min(256, len(colors))] {
		palette = append(palette, c)
	}
	out := image.NewPaletted(b, palette)
	draw.Draw(out, b, img, b.Min, draw.Src)
	var buf bytes.Buffer
	err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out)
	return buf.Bytes(), err
}
