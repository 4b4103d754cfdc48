package meta

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestVerifyWebhook(t *testing.T) {
	c := newTestChannel(t, DefaultGraphURL, http.DefaultClient)
	tests := []struct {
		name, mode, token string
		ok                bool
	}{
		{"OK", "subscribe", testVerifyToken, true},
		{"WrongToken", "subscribe", "verify-you", false},
		{"TokenPrefix", "subscribe", testVerifyToken[:4], false},
		{"EmptyToken", "subscribe", "", false},
		{"WrongMode", "unsubscribe", testVerifyToken, false},
		{"NoMode", "", testVerifyToken, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			challenge, ok := c.VerifyWebhook(tt.mode, tt.token, "1158201444")
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && challenge != "1158201444" {
				t.Errorf("challenge = %q, want it echoed", challenge)
			}
			if !ok && challenge != "" {
				t.Errorf("a refused handshake echoed %q", challenge)
			}
		})
	}
}

const messengerText = `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"recipient":{"id":"104857600123456"},"timestamp":1714557600000,
  "message":{"mid":"m_AbC123","text":"Wo bleibt meine Bestellung?"}}]}]}`

func TestParseWebhookSignature(t *testing.T) {
	c := newTestChannel(t, DefaultGraphURL, http.DefaultClient)
	body := []byte(messengerText)
	tests := []struct {
		name      string
		body      []byte
		signature string
		code      string // "" for success
	}{
		{"Good", body, sign(testAppSecret, body), ""},
		{"UpperCaseHex", body, "sha256=" + strings.ToUpper(sign(testAppSecret, body)[7:]), ""},
		{"WrongSecret", body, sign("another-app", body), resonanz.EUNAUTHORIZED},
		{"Missing", body, "", resonanz.EUNAUTHORIZED},
		{"SHA1", body, "sha1=" + sign(testAppSecret, body)[7:47], resonanz.EUNAUTHORIZED},
		{"NotHex", body, "sha256=zz", resonanz.EUNAUTHORIZED},
		{"OverDifferentBody", body, sign(testAppSecret, []byte(strings.Replace(messengerText, "Bestellung", "Rechnung", 1))), resonanz.EUNAUTHORIZED},
		{"TamperedBody", []byte(strings.Replace(messengerText, "Bestellung", "Rechnung", 1)), sign(testAppSecret, body), resonanz.EUNAUTHORIZED},
		{"MalformedJSONBadSignature", []byte(`{"object":`), "sha256=00", resonanz.EUNAUTHORIZED},
		{"MalformedJSON", []byte(`{"object":"page","entry":[`), sign(testAppSecret, []byte(`{"object":"page","entry":[`)), resonanz.EINVALID},
		{"HTML", []byte(`<html>502</html>`), sign(testAppSecret, []byte(`<html>502</html>`)), resonanz.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := c.ParseWebhook(tt.body, tt.signature)
			if got := resonanz.ErrorCode(err); got != tt.code {
				t.Fatalf("error code %q (%v), want %q", got, err, tt.code)
			}
			if tt.code == "" && len(msgs) != 1 {
				t.Errorf("got %d messages, want 1", len(msgs))
			}
			if tt.code != "" && len(msgs) != 0 {
				t.Errorf("a refused body gave %d messages", len(msgs))
			}
		})
	}
}

func TestParseWebhook(t *testing.T) {
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	long := strings.Repeat("ä", resonanz.MaxTextLen+500)
	tests := []struct {
		name string
		body string
		want []resonanz.IncomingMessage
		skip string // a reason among the skipped, "" for none
	}{
		{
			name: "MessengerText",
			body: messengerText,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_AbC123",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Wo bleibt meine Bestellung?", Time: at, Visibility: resonanz.Private}},
		},
		{
			name: "MessengerEchoSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"104857600123456"},"recipient":{"id":"6940311122233344"},"timestamp":1714557600000,
  "message":{"is_echo":true,"app_id":1517776481860111,"mid":"m_Echo1","text":"Wir kümmern uns darum."}}]}]}`,
			skip: "echo",
		},
		{
			name: "MessengerAttachmentAsLink",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"recipient":{"id":"104857600123456"},"timestamp":1714557600000,
  "message":{"mid":"m_Att1","text":"So kam das Paket an","attachments":[
   {"type":"image","payload":{"url":"https://scontent.xx.fbcdn.net/v/t1.15752-9/paket.jpg?oh=00_AfA"}},
   {"type":"file","payload":{"url":"javascript:alert(1)"}},
   {"type":"template","payload":{"template_type":"generic","elements":[]}}]}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_Att1",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Time: at, Visibility: resonanz.Private,
				Text: "So kam das Paket an\n[image] https://scontent.xx.fbcdn.net/v/t1.15752-9/paket.jpg?oh=00_AfA\n[file]\n[template]"}},
		},
		{
			name: "MessengerReplyToMessage",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"recipient":{"id":"104857600123456"},"timestamp":1714557600000,
  "message":{"mid":"m_R2","text":"Immer noch nichts.","reply_to":{"mid":"m_AbC123"}}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_R2", ReplyTo: "fb:m:m_AbC123",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Immer noch nichts.", Time: at, Visibility: resonanz.Private}},
		},
		{
			name: "MessengerReadReceiptSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"recipient":{"id":"104857600123456"},"timestamp":1714557600000,"read":{"watermark":1714557500000}}]}]}`,
			skip: "not a message",
		},
		{
			name: "FacebookComment",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"2511180000000001","name":"Erika Mustermann"},"post":{"status_type":"added_photos","is_published":true},
 "message":"Die Lieferung ist seit zwei Wochen überfällig!","post_id":"104857600123456_1000","comment_id":"1000_2000",
 "created_time":1714557600,"item":"comment","parent_id":"104857600123456_1000","verb":"add"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:c:1000_2000",
				Author: resonanz.Author{Handle: "fb:2511180000000001", DisplayName: "Erika Mustermann"},
				Text:   "Die Lieferung ist seit zwei Wochen überfällig!", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "FacebookCommentReplyThreaded",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"2511180000000002","name":"Max Muster"},"message":"Bei mir genauso.","post_id":"104857600123456_1000",
 "comment_id":"1000_2001","created_time":1714557600,"item":"comment","parent_id":"1000_2000","verb":"add"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:c:1000_2001", ReplyTo: "fb:c:1000_2000",
				Author: resonanz.Author{Handle: "fb:2511180000000002", DisplayName: "Max Muster"},
				Text:   "Bei mir genauso.", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "FacebookCommentPhotoAsLink",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"2511180000000001","name":"Erika Mustermann"},"photo":"https://scontent.xx.fbcdn.net/v/kaputt.jpg",
 "post_id":"104857600123456_1000","comment_id":"1000_2002","created_time":1714557600,"item":"comment","parent_id":"104857600123456_1000","verb":"add"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:c:1000_2002",
				Author: resonanz.Author{Handle: "fb:2511180000000001", DisplayName: "Erika Mustermann"},
				Text:   "[photo] https://scontent.xx.fbcdn.net/v/kaputt.jpg", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "FacebookCommentWithoutAuthor",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "message":"Niemand antwortet hier.","post_id":"104857600123456_1000","comment_id":"1000_2003",
 "created_time":1714557600,"item":"comment","parent_id":"104857600123456_1000","verb":"add"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:c:1000_2003",
				Author: resonanz.Author{Handle: "fb:unknown:1000_2003"}, Text: "Niemand antwortet hier.", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "PagesOwnCommentSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"104857600123456","name":"Kaffeerösterei Süd"},"message":"Das tut uns leid!","post_id":"104857600123456_1000",
 "comment_id":"1000_2004","created_time":1714557600,"item":"comment","parent_id":"1000_2000","verb":"add"}}]}]}`,
			skip: "the page's own comment",
		},
		{
			name: "EditedCommentSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"2511180000000001","name":"Erika Mustermann"},"message":"Die Lieferung ist überfällig!!","post_id":"104857600123456_1000",
 "comment_id":"1000_2000","created_time":1714557600,"item":"comment","parent_id":"104857600123456_1000","verb":"edited"}}]}]}`,
			skip: "only new comments",
		},
		{
			name: "ReactionSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"feed","value":{
 "from":{"id":"2511180000000001","name":"Erika Mustermann"},"post_id":"104857600123456_1000","created_time":1714557600,
 "item":"reaction","parent_id":"104857600123456_1000","reaction_type":"angry","verb":"add"}}]}]}`,
			skip: `feed item "reaction"`,
		},
		{
			name: "InstagramComment",
			body: `{"object":"instagram","entry":[{"id":"17841400000000001","time":1714557600,"changes":[{"field":"comments","value":{
 "from":{"id":"17841455555555555","username":"erika.m"},"media":{"id":"17900000000000001","media_product_type":"FEED"},
 "id":"17865799348089039","text":"Kaputt angekommen 😡"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "instagram", ExternalID: "ig:c:17865799348089039",
				Author: resonanz.Author{Handle: "ig:17841455555555555", DisplayName: "erika.m"},
				Text:   "Kaputt angekommen 😡", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "InstagramCommentReplyThreaded",
			body: `{"object":"instagram","entry":[{"id":"17841400000000001","time":1714557600,"changes":[{"field":"comments","value":{
 "from":{"id":"17841466666666666","username":"max.m"},"media":{"id":"17900000000000001","media_product_type":"REELS"},
 "id":"17865799348089040","parent_id":"17865799348089039","text":"@erika.m bei mir auch"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "instagram", ExternalID: "ig:c:17865799348089040", ReplyTo: "ig:c:17865799348089039",
				Author: resonanz.Author{Handle: "ig:17841466666666666", DisplayName: "max.m"},
				Text:   "@erika.m bei mir auch", Time: at, Visibility: resonanz.Public}},
		},
		{
			name: "InstagramOwnCommentSkipped",
			body: `{"object":"instagram","entry":[{"id":"17841400000000001","time":1714557600,"changes":[{"field":"comments","value":{
 "from":{"id":"17841400000000001","username":"kaffee.sued","self_ig_scoped_id":"2105722729836161"},
 "media":{"id":"17900000000000001","media_product_type":"FEED"},"id":"17865799348089041","parent_id":"17865799348089039","text":"Das tut uns leid!"}}]}]}`,
			skip: "own comment",
		},
		{
			name: "InstagramDM",
			body: `{"object":"instagram","entry":[{"id":"17841400000000001","time":1714557600123,"messaging":[
 {"sender":{"id":"1254477777777777"},"recipient":{"id":"17841400000000001"},"timestamp":1714557600000,
  "message":{"mid":"aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE","text":"Hallo, ist jemand da?"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "instagram", ExternalID: "ig:m:aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE",
				Author: resonanz.Author{Handle: "ig:1254477777777777"}, Text: "Hallo, ist jemand da?", Time: at, Visibility: resonanz.Private}},
		},
		{
			name: "InstagramDeletedDMSkipped",
			body: `{"object":"instagram","entry":[{"id":"17841400000000001","time":1714557600123,"messaging":[
 {"sender":{"id":"1254477777777777"},"recipient":{"id":"17841400000000001"},"timestamp":1714557600000,
  "message":{"mid":"aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlF","is_deleted":true}}]}]}`,
			skip: "deleted",
		},
		{
			name: "UnknownObjectSkipped",
			body: `{"object":"whatsapp_business_account","entry":[{"id":"880000000000001","changes":[{"field":"messages","value":{}}]}]}`,
			skip: `object "whatsapp_business_account"`,
		},
		{
			name: "UnknownFieldSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557601,"changes":[{"field":"mention","value":{"post_id":"1_2","verb":"add"}}]}]}`,
			skip: `field "mention"`,
		},
		{
			name: "BadEventDoesNotCostTheOthers",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":"not an object"},
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_AbC123","text":"Wo bleibt meine Bestellung?"}}]},
 "not an entry"]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_AbC123",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Wo bleibt meine Bestellung?", Time: at, Visibility: resonanz.Private}},
			skip: "unreadable",
		},
		{
			name: "DuplicateInOneBody",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_AbC123","text":"Wo bleibt meine Bestellung?"}},
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_AbC123","text":"Wo bleibt meine Bestellung?"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_AbC123",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Wo bleibt meine Bestellung?", Time: at, Visibility: resonanz.Private}},
			skip: "twice",
		},
		{
			name: "EmptyTextSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_Empty","text":"  \u0000 "}}]}]}`,
			skip: "text is required",
		},
		{
			name: "MissingTimeIsTheEntrysTime",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600000,"messaging":[
 {"sender":{"id":"6940311122233344"},"message":{"mid":"m_NoTime","text":"Hallo"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_NoTime",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Hallo", Time: at, Visibility: resonanz.Private}},
		},
		{
			name: "ImpossibleTimeIsNow",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":99999999999999999,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":-5,"message":{"mid":"m_Odd","text":"Hallo"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_Odd",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Text: "Hallo", Time: testNow, Visibility: resonanz.Private}},
		},
		{
			name: "LongTextCut",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_Long","text":"` + long + `"}}]}]}`,
			want: []resonanz.IncomingMessage{{Channel: "facebook", ExternalID: "fb:m:m_Long",
				Author: resonanz.Author{Handle: "fb:6940311122233344"}, Time: at, Visibility: resonanz.Private,
				Text: long[:2*(resonanz.MaxTextLen-1)] + "…"}},
		},
		{
			name: "IDWithSpaceSkipped",
			body: `{"object":"page","entry":[{"id":"104857600123456","time":1714557600123,"messaging":[
 {"sender":{"id":"6940311122233344"},"timestamp":1714557600000,"message":{"mid":"m_a b","text":"Hallo"}}]}]}`,
			skip: "malformed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestChannel(t, DefaultGraphURL, http.DefaultClient)
			body := []byte(tt.body)
			msgs, skipped, err := c.Parse(body, sign(testAppSecret, body))
			if err != nil {
				t.Fatal(err)
			}
			if len(msgs) != len(tt.want) {
				t.Fatalf("got %d messages %+v (skipped %+v), want %d", len(msgs), msgs, skipped, len(tt.want))
			}
			for i, m := range msgs {
				want := tt.want[i]
				want.AccountID = testAccountID
				if m.Channel != want.Channel || m.ExternalID != want.ExternalID || m.Author != want.Author || m.Text != want.Text ||
					!m.Time.Equal(want.Time) || m.Visibility != want.Visibility || m.ReplyTo != want.ReplyTo || m.AccountID != want.AccountID {
					t.Errorf("message %d:\n got %+v\nwant %+v", i, m, want)
				}
				if err := m.Validate(); err != nil {
					t.Errorf("message %d does not validate: %v", i, err)
				}
			}
			if tt.skip != "" && !skippedFor(skipped, tt.skip) {
				t.Errorf("skipped %+v, want a reason with %q", skipped, tt.skip)
			}
			if tt.skip == "" && len(skipped) > 0 {
				t.Errorf("skipped %+v, want nothing skipped", skipped)
			}
		})
	}
}

func skippedFor(skipped []Skip, reason string) bool {
	for _, s := range skipped {
		if strings.Contains(s.Reason, reason) && s.Where != "" {
			return true
		}
	}
	return false
}

// A notification Meta delivers again (it retries for hours when resonanz
// does not answer) yields the same external ids, which ingest drops.
func TestParseWebhookReplay(t *testing.T) {
	c := newTestChannel(t, DefaultGraphURL, http.DefaultClient)
	body := []byte(messengerText)
	first, err := c.ParseWebhook(body, sign(testAppSecret, body))
	if err != nil {
		t.Fatal(err)
	}
	c.now = func() time.Time { return testNow.Add(36 * time.Hour) }
	again, err := c.ParseWebhook(body, sign(testAppSecret, body))
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 1 || len(again) != 1 || first[0].ExternalID != again[0].ExternalID || !first[0].Time.Equal(again[0].Time) {
		t.Errorf("a replay gave %+v, the first delivery %+v", again, first)
	}
}
