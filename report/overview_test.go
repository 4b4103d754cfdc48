package report_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
	_ "modernc.org/sqlite"
)

var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func utc(day, hour, minute int) time.Time {
	return time.Date(2030, 3, day, hour, minute, 0, 0, time.UTC)
}

// desk is a database with a calendar open Monday to Friday 9–17 in Berlin,
// a policy using it, and a clock the test moves; raw is a plain connection
// to the same database for what the store does not offer, whose queries
// number their arguments ($1) as both drivers read them.
type desk struct {
	t      testing.TB
	db     *store.DB
	raw    *sql.DB
	now    time.Time
	lead   *resonanz.User
	policy *resonanz.SLAPolicy
}

// onEachEngine runs fn on a new desk over SQLite and one over PostgreSQL,
// which is skipped unless storetest.PostgresEnv names a server: the reports
// must count alike on both.
func onEachEngine(t *testing.T, fn func(t *testing.T, d *desk)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { fn(t, newDesk(t, engine)) })
	}
}

func newDesk(t testing.TB, engine string) *desk {
	t.Helper()
	ctx := context.Background()
	driver, address := "sqlite", filepath.Join(t.TempDir(), "r.db")
	open := func() (*store.DB, error) { return store.Open(ctx, address) }
	if engine == "postgres" {
		driver, address = "pgx", storetest.PostgresSchema(t)
		open = func() (*store.DB, error) { return store.OpenPostgres(ctx, address, t.TempDir()) }
	}
	db, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	storetest.Queue(t, db)
	raw, err := sql.Open(driver, address)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	d := &desk{t: t, db: db, raw: raw}
	d.must(db.CountReportsIn(ctx, berlin))
	db.Now = func() time.Time { return d.now }
	d.lead = &resonanz.User{Login: "lea", Name: "Lea", Role: resonanz.RoleLead}
	d.must(db.CreateUser(ctx, d.lead, "long-enough-password"))
	office := []resonanz.Span{{Start: 9 * 60, End: 17 * 60}}
	cal := &resonanz.Calendar{Name: "Büro", TimeZone: "Europe/Berlin",
		Week: [7][]resonanz.Span{nil, office, office, office, office, office, nil}}
	d.must(db.SaveCalendar(ctx, cal))
	d.policy = &resonanz.SLAPolicy{Name: "Standard", FirstResponse: 4 * time.Hour, CalendarID: cal.ID}
	d.must(db.SaveSLAPolicy(ctx, d.policy))
	return d
}

func (d *desk) must(err error) {
	d.t.Helper()
	if err != nil {
		d.t.Fatal(err)
	}
}

// arrive ingests a customer's first message and returns its conversation.
func (d *desk) arrive(handle, channel string, at time.Time, a resonanz.Analysis, withGoal bool) int64 {
	d.t.Helper()
	ctx := context.Background()
	d.now = at
	res, err := d.db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: channel, ExternalID: handle, Author: resonanz.Author{Handle: handle},
		Text: "Hallo", Visibility: resonanz.Private, Time: at, Analysis: a}})
	d.must(err)
	id := res[0].ConversationID
	if withGoal {
		d.must(d.db.ApplyRoutes(ctx, []*resonanz.RouteUpdate{{ConversationID: id, PolicyID: d.policy.ID}}))
	}
	return id
}

func (d *desk) reply(id int64, at time.Time) {
	d.t.Helper()
	d.now = at
	_, err := d.db.Reply(context.Background(), id, d.lead, "Wir kümmern uns.", false)
	d.must(err)
}

func (d *desk) solve(id int64, at time.Time) {
	d.t.Helper()
	d.now = at
	solved := resonanz.StatusSolved
	d.must(d.db.UpdateConversation(context.Background(), id, d.lead, resonanz.ConversationUpdate{Status: &solved}))
}

// breach marks a missed goal as the SLA timer does; the timer's own path is
// tested in store.
func (d *desk) breach(id int64) {
	d.t.Helper()
	_, err := d.raw.Exec(`UPDATE conversations SET sla_breached = 1 WHERE id = $1`, id)
	d.must(err)
}

func analysis(kind, sentiment string, topics ...string) resonanz.Analysis {
	return resonanz.Analysis{Language: resonanz.LangGerman, Kind: kind, Sentiment: sentiment, Topics: topics}
}

// TestOverview checks every figure of a two-day period in Berlin against
// numbers worked out by hand, while the server's own zone is UTC: the
// period starts at 23:00 UTC the day before.
func TestOverview(t *testing.T) {
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
	onEachEngine(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		// Monday 4 and Tuesday 5 March 2030 in Berlin (UTC+1).
		c1 := d.arrive("a@x.org", "email", utc(3, 23, 30), analysis(resonanz.KindComplaint, resonanz.Negative, "delivery"), true) // Mon 00:30 Berlin
		c2 := d.arrive("@b@x.social", "mastodon", utc(4, 15, 0), analysis(resonanz.KindQuestion, resonanz.Neutral, "invoice"), true)
		d.arrive("c@x.org", "email", utc(5, 22, 59), analysis(resonanz.KindPraise, resonanz.Positive, "delivery"), false) // Tue 23:59 Berlin
		d.arrive("d@x.org", "email", utc(5, 23, 0), analysis(resonanz.KindComplaint, resonanz.Negative), false)           // Wed 00:00: after
		d.arrive("e@x.org", "email", utc(3, 22, 59), analysis(resonanz.KindQuestion, resonanz.Neutral, "invoice"), false) // Sun 23:59: before
		c6 := d.arrive("f@x.org", "email", utc(4, 10, 0), analysis(resonanz.KindComplaint, resonanz.Negative, "delivery"), true)
		d.reply(c1, utc(4, 8, 30)) // 09:30 Berlin: 30 min after opening
		d.solve(c1, utc(4, 10, 0)) // 11:00 Berlin: 2 h of business time
		d.reply(c6, utc(4, 12, 0)) // 11:00 → 13:00 Berlin: 2 h
		d.reply(c2, utc(5, 8, 30)) // Mon 16:00 → Tue 09:30 Berlin: 1 h + 30 min (17.5 h by the clock)
		d.breach(c6)
		d.now = utc(4, 12, 0)
		kept := &resonanz.Promise{ConversationID: c1, Text: "Gutschrift", DueAt: utc(5, 12, 0), OwnerID: d.lead.ID}
		d.must(d.db.AddPromise(ctx, kept, d.lead))
		d.must(d.db.KeepPromise(ctx, kept.ID, d.lead))
		d.must(d.db.AddPromise(ctx, &resonanz.Promise{ConversationID: c2, Text: "Rückruf", DueAt: utc(5, 10, 0), OwnerID: d.lead.ID}, d.lead))
		d.must(d.db.GrantGoodwill(ctx, &resonanz.GoodwillGrant{ConversationID: c1, Kind: resonanz.GoodwillVoucher, Amount: 5000, Reason: "Verspätung"}, d.lead))
		d.now = utc(6, 12, 0) // Wednesday 13:00 Berlin

		r := &report.Reporter{Facts: d.db, SLA: d.db, Location: berlin}
		period := report.NewPeriod(time.Date(2030, 3, 4, 0, 0, 0, 0, berlin), time.Date(2030, 3, 5, 0, 0, 0, 0, berlin), berlin)
		o, err := r.Overview(ctx, report.Filter{Period: period}, d.now)
		if err != nil {
			t.Fatal(err)
		}
		if o.New != 4 || len(o.Buckets) != 2 || !o.Buckets[0].From.Equal(utc(3, 23, 0)) {
			t.Fatalf("new %d in %d buckets from %s; want 4 in 2 from 23:00 UTC on the 3rd", o.New, len(o.Buckets), o.Buckets[0].From.UTC())
		}
		want := map[string][2]int{"email": {2, 1}, "mastodon": {1, 0}}
		checkSeries(t, "channel", o.ByChannel, want)
		checkSeries(t, "kind", o.ByKind, map[string][2]int{"complaint": {2, 0}, "question": {1, 0}, "praise": {0, 1}})
		checkSeries(t, "sentiment", o.BySentiment, map[string][2]int{"negative": {2, 0}, "neutral": {1, 0}, "positive": {0, 1}})
		if o.Praise != 1 || o.Complaints != 2 {
			t.Errorf("praise %d, complaints %d; want 1, 2", o.Praise, o.Complaints)
		}
		wantFirst := report.Times{Count: 3, Median: 90 * time.Minute, P90: 2 * time.Hour}
		if o.FirstResponse != wantFirst {
			t.Errorf("first response %+v; want %+v (business hours, nearest rank)", o.FirstResponse, wantFirst)
		}
		if want := (report.Times{Count: 1, Median: 2 * time.Hour, P90: 2 * time.Hour}); o.Resolution != want {
			t.Errorf("resolution %+v; want %+v", o.Resolution, want)
		}
		if want := (report.Goals{WithGoal: 3, Decided: 3, Met: 2}); o.Goals != want {
			t.Errorf("goals %+v; want %+v", o.Goals, want)
		}
		if len(o.Topics) != 2 || o.Topics[0] != (report.TopicCount{Name: "delivery", Count: 3}) || o.Topics[1] != (report.TopicCount{Name: "invoice", Count: 1, Before: 1}) {
			t.Errorf("topics %+v; want delivery 3 (0 before), invoice 1 (1 before)", o.Topics)
		}
		if len(o.Rising) != 1 || o.Rising[0].Name != "delivery" {
			t.Errorf("rising %+v; want delivery alone", o.Rising)
		}
		ages := map[string]int{}
		for _, a := range o.Backlog.Ages {
			ages[a.Key] = a.Count
		}
		if o.Backlog.Open != 5 || ages[report.AgeToday] != 1 || ages[report.AgeDays] != 3 || ages[report.AgeWeek] != 1 || ages[report.AgeWeekPlus] != 0 ||
			!o.Backlog.Oldest.Equal(utc(3, 22, 59)) {
			t.Errorf("backlog %d open, ages %v, oldest %s; want 5: today 1, 1–2 days 3, 3–6 days 1, older 0, oldest Sunday 22:59 UTC",
				o.Backlog.Open, ages, o.Backlog.Oldest)
		}
		if want := (resonanz.PromiseTally{Kept: 1, Overdue: 1}); o.Promises != want {
			t.Errorf("promises %+v; want %+v", o.Promises, want)
		}
		if want := (resonanz.GoodwillTally{Grants: 1, Amount: 5000}); o.Goodwill != want {
			t.Errorf("goodwill %+v; want %+v", o.Goodwill, want)
		}
	})
}

func checkSeries(t *testing.T, name string, s report.Series, want map[string][2]int) {
	t.Helper()
	if len(s.Keys) != len(want) {
		t.Errorf("%s: keys %v; want %d of them", name, s.Keys, len(want))
	}
	for k, key := range s.Keys {
		if got := [2]int{s.Counts[0][k], s.Counts[1][k]}; got != want[key] {
			t.Errorf("%s %s: per day %v; want %v", name, key, got, want[key])
		}
	}
}

// TestOverviewOfAnEmptyPeriod: no conversations is zero everywhere, with a
// bar for every day and no made-up times.
func TestOverviewOfAnEmptyPeriod(t *testing.T) {
	onEachEngine(t, func(t *testing.T, d *desk) {
		d.arrive("a@x.org", "email", utc(10, 12, 0), analysis(resonanz.KindComplaint, resonanz.Negative, "delivery"), true)
		r := &report.Reporter{Facts: d.db, SLA: d.db, Location: berlin}
		period := report.NewPeriod(time.Date(2030, 3, 1, 0, 0, 0, 0, berlin), time.Date(2030, 3, 7, 0, 0, 0, 0, berlin), berlin)
		o, err := r.Overview(context.Background(), report.Filter{Period: period}, utc(10, 13, 0))
		if err != nil {
			t.Fatal(err)
		}
		if o.New != 0 || len(o.Buckets) != 7 || len(o.ByChannel.Keys) != 0 || o.FirstResponse != (report.Times{}) || len(o.Topics) != 0 {
			t.Fatalf("empty period: new %d, %d buckets, channels %v, first response %+v, topics %v", o.New, len(o.Buckets), o.ByChannel.Keys, o.FirstResponse, o.Topics)
		}
		if o.Backlog.Open != 1 {
			t.Errorf("backlog %d; the open conversation of the 10th is open now whatever the period", o.Backlog.Open)
		}
	})
}
