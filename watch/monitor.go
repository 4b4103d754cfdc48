package watch

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/resonanz/resonanz"
)

// Observed is a stored customer message as the monitor sees it.
type Observed struct {
	MessageID int64
	Channel   string
	Author    string
	Text      string
	Time      time.Time
	Analysis  resonanz.Analysis
}

// recentWindow is how far back the monitor remembers negative messages,
// enough for the longest detector window; collectFor is how long after its
// alarm an alert keeps gathering new messages before a new burst counts as
// a new storm.
const (
	recentWindow = 24 * time.Hour
	collectFor   = 12 * time.Hour
)

// A new cluster: negative messages that fit no topic but share a hashtag,
// or two rare terms, raise an alert once clusterAuthors people used it
// within clusterWindow.
const (
	clusterAuthors = 15
	clusterWindow  = time.Hour
)

// collecting is an alert still gathering the messages of its storm.
type collecting struct {
	id      int64
	first   time.Time // the storm's start
	alarmAt time.Time // when it last alarmed
	alarm   Alarm     // the latest alarm, for the figures against the baseline
	// resolved is set once someone resolved the alert: it gathers nothing more.
	resolved bool
	// room is the storm's content, drawn anew whenever the burst has
	// doubled; judged holds the judgement last saved for each message.
	room   *room
	judged map[int64]resonanz.AlertMember
	top    []string // the room's most frequent words when last drawn
}

// Monitor counts negative messages overall and per topic, raises an alert
// when one of them bursts, and gathers the messages of the burst and the
// ones after it into the alert's crisis room.
type Monitor struct {
	mu       sync.Mutex
	detector *Detector
	roomCfg  RoomConfig
	alerts   Alerts
	live     resonanz.EventService
	recent   map[string][]Observed // per key, oldest first, within recentWindow
	usual    usual
	open     map[string]*collecting
	clusters clusterState
}

// Alerts is what the monitor needs of the alerts it keeps.
type Alerts interface {
	SaveAlert(ctx context.Context, a *resonanz.Alert) error
	SaveAlertMembers(ctx context.Context, alertID int64, members []resonanz.AlertMember) error
	FindAlerts(ctx context.Context, includeResolved bool) ([]*resonanz.Alert, error)
	FindAlertFigures(ctx context.Context, id int64) (*resonanz.Alert, error)
}

// NewMonitor returns a monitor that keeps alerts in alerts and announces them as live events.
func NewMonitor(cfg Config, alerts Alerts, live resonanz.EventService) (*Monitor, error) {
	d, err := NewDetector(cfg)
	if err != nil {
		return nil, err
	}
	return &Monitor{detector: d, roomCfg: DefaultRoom(), alerts: alerts, live: live, recent: map[string][]Observed{}, usual: usual{}, open: map[string]*collecting{},
		clusters: newClusterState()}, nil
}

// keys are the counters a message adds to: each of its topics, and all
// negative messages. Topics come first, so that a burst both count is
// named by its topic.
func keys(o *Observed) []string {
	if o.Analysis.Sentiment != resonanz.Negative {
		return nil
	}
	return append(append([]string(nil), o.Analysis.Topics...), resonanz.AlertAll)
}

// SetRoom changes what makes a message part of a storm's crisis room; it
// applies to rooms drawn from then on.
func (m *Monitor) SetRoom(cfg RoomConfig) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.roomCfg = cfg
}

// Replay feeds history to the detector without raising alerts, so that a
// restarted monitor knows the usual level of every key. Messages must come
// in time order.
func (m *Monitor) Replay(msgs []Observed) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range msgs {
		ks := keys(&msgs[i])
		var fs []term
		if len(ks) > 0 {
			fs = features(msgs[i].Text)
		}
		for _, k := range ks {
			m.detector.Observe(k, msgs[i].Time, 1)
			m.remember(k, msgs[i])
			m.usual.learn(k, &msgs[i], fs)
		}
		if topicless(&msgs[i]) {
			m.learnClusters(&msgs[i])
			for _, tag := range hashtags(msgs[i].Text) {
				m.remember(tag, msgs[i])
			}
		}
	}
}

// Resume lets the alerts still open collect new messages after a restart.
func (m *Monitor) Resume(ctx context.Context) error {
	open, err := m.alerts.FindAlerts(ctx, false)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, a := range open {
		if _, ok := m.open[a.Key]; !ok {
			m.open[a.Key] = &collecting{id: a.ID, first: a.FirstSeen, alarmAt: a.LastSeen,
				alarm: Alarm{Key: a.Key, Window: a.Window, Expected: a.Expected, Ratio: a.Ratio, Growth: a.Growth}}
		}
		if clusterName(a.Key) != "" {
			m.clusters.byPair[clusterPair(a.Key)] = a.Key
		}
	}
	return nil
}

// Observe counts newly stored messages, in time order, and raises or feeds alerts.
func (m *Monitor) Observe(ctx context.Context, msgs []Observed) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range msgs {
		o := &msgs[i]
		if err := m.observeClusters(ctx, o); err != nil {
			return err
		}
		var fs []term // the text's features, parsed once when first needed
		for _, k := range keys(o) {
			m.remember(k, *o)
			alarm, raised := m.detector.Observe(k, o.Time, 1)
			c := m.open[k]
			if c != nil && o.Time.Sub(c.alarmAt) >= collectFor {
				c = nil
			}
			if c == nil && !raised {
				if fs == nil {
					fs = features(o.Text)
				}
				m.usual.learn(k, o, fs) // a storm's time is not what is usual
			}
			var err error
			switch {
			case raised && k == resonanz.AlertAll && m.topicCollecting(o.Time):
				// The storm already has a topic alert; a second one for
				// "all" would only repeat it.
			case raised:
				err = m.raise(ctx, k, c, alarm, o.Time)
			case c != nil:
				err = m.update(ctx, k, c)
			}
			if err != nil {
				return fmt.Errorf("watch: %s: %w", k, err)
			}
		}
	}
	return nil
}

// raise opens an alert for an alarm, or gives the alert still collecting
// the key's storm the figures of an escalation. A resolved alert is not
// reopened: the burst gets an alert of its own.
func (m *Monitor) raise(ctx context.Context, key string, c *collecting, alarm Alarm, at time.Time) error {
	fresh, err := m.needsAlert(ctx, c)
	if err != nil {
		return err
	}
	if fresh {
		c = &collecting{first: alarm.Start}
		m.open[key] = c
	}
	c.alarm, c.alarmAt = alarm, at
	return m.update(ctx, key, c)
}

// needsAlert reports whether a burst needs a new alert rather than the
// one c collects for: there is none, or it is resolved.
func (m *Monitor) needsAlert(ctx context.Context, c *collecting) (bool, error) {
	if c == nil || c.resolved || c.id == 0 {
		return c == nil || c.resolved, nil
	}
	a, err := m.alerts.FindAlertFigures(ctx, c.id)
	if err != nil {
		return false, err
	}
	return a.Status == resonanz.AlertResolved, nil
}

func (m *Monitor) topicCollecting(at time.Time) bool {
	for k, c := range m.open {
		if k != resonanz.AlertAll && !c.resolved && at.Sub(c.alarmAt) < collectFor {
			return true
		}
	}
	return false
}

func (m *Monitor) remember(key string, o Observed) {
	list := append(m.recent[key], o)
	cut := 0
	for cut < len(list) && list[cut].Time.Before(o.Time.Add(-recentWindow)) {
		cut++
	}
	m.recent[key] = list[cut:]
}

// update saves the alert of a storm with its figures up to now, judges
// which of its key's messages say what the storm says, keeps those in the
// crisis room, and announces the change. An alert keeps the storm's peak
// figures; one that someone resolved gathers nothing more.
func (m *Monitor) update(ctx context.Context, key string, c *collecting) error {
	if c.resolved {
		return nil
	}
	var burst []Observed
	for _, o := range m.recent[key] {
		if !o.Time.Before(c.first) {
			burst = append(burst, o)
		}
	}
	changed, redrawn := m.judge(c, key, burst)
	var members []Observed
	for _, o := range burst {
		if c.judged[o.MessageID].Member {
			members = append(members, o)
		}
	}
	if redrawn {
		c.top = topTerms(members, 5)
	}
	a := describe(c.alarm, members, c.top)
	a.Key, a.FirstSeen = key, c.first
	if name := clusterName(key); name != "" {
		a.TopTerms = append([]string{name}, slices.DeleteFunc(a.TopTerms, func(w string) bool {
			return slices.Contains(strings.Fields(name), w)
		})...)
	}
	if c.id != 0 {
		prev, err := m.alerts.FindAlertFigures(ctx, c.id)
		if err != nil {
			return err
		}
		if prev.Status == resonanz.AlertResolved {
			// Kept, so that a cluster still going does not form again at
			// once; a new alarm or escalation gets a new alert.
			c.resolved = true
			return nil
		}
		keepPeak(a, prev)
	}
	if err := m.alerts.SaveAlert(ctx, a); err != nil {
		return err
	}
	c.id = a.ID
	if err := m.alerts.SaveAlertMembers(ctx, a.ID, changed); err != nil {
		return err
	}
	m.live.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: a.ID})
	return nil
}

// judge draws the storm's content from its burst when there is none yet or
// the burst has doubled since, judges the messages not judged yet (all of
// them after a new drawing) and returns the judgements that changed, and
// whether it drew anew.
func (m *Monitor) judge(c *collecting, key string, burst []Observed) ([]resonanz.AlertMember, bool) {
	redraw := c.room == nil || len(burst) >= 2*c.room.size
	if redraw {
		c.room = newRoom(m.roomCfg, m.usual.before(key, c.first), burst)
	}
	if c.judged == nil {
		c.judged = map[int64]resonanz.AlertMember{}
	}
	var changed []resonanz.AlertMember
	for _, o := range burst {
		prev, seen := c.judged[o.MessageID]
		if seen && !redraw {
			continue
		}
		j := c.room.judge(o)
		if !seen || prev.Member != j.Member || prev.Reason != j.Reason || prev.Score != j.Score {
			c.judged[o.MessageID] = j
			changed = append(changed, j)
		}
	}
	return changed, redraw
}

// keepPeak keeps the figures of prev where they were higher: an alert
// tells how big the storm grew, not how quiet its tail is.
func keepPeak(a, prev *resonanz.Alert) {
	a.ID = prev.ID
	if prev.Count > a.Count {
		a.Count, a.TopTerms = prev.Count, prev.TopTerms
	}
	if prev.Ratio > a.Ratio {
		a.Window, a.Expected, a.Ratio, a.Growth = prev.Window, prev.Expected, prev.Ratio, prev.Growth
	}
	a.Channels, a.Authors, a.Urgent = max(a.Channels, prev.Channels), max(a.Authors, prev.Authors), max(a.Urgent, prev.Urgent)
	a.Severity = max(Severity(a), prev.Severity)
	if prev.LastSeen.After(a.LastSeen) {
		a.LastSeen = prev.LastSeen
	}
}

// describe measures a burst: how many, how fast, on how many channels, by
// how many people, with which words (given: counting them on every message
// would cost a storm's length squared), and how severe.
func describe(alarm Alarm, burst []Observed, terms []string) *resonanz.Alert {
	channels, authors := map[string]bool{}, map[string]bool{}
	urgent := 0
	for _, o := range burst {
		channels[o.Channel], authors[o.Author] = true, true
		for _, u := range o.Analysis.Urgency {
			if u == resonanz.UrgentPublic || u == resonanz.UrgentLegal {
				urgent++
				break
			}
		}
	}
	a := &resonanz.Alert{Key: alarm.Key, Count: max(alarm.Count, len(burst)), Window: alarm.Window, Expected: alarm.Expected,
		Ratio: alarm.Ratio, Growth: alarm.Growth, Channels: len(channels), Authors: len(authors), Urgent: urgent,
		TopTerms: terms, FirstSeen: alarm.Start}
	if len(burst) > 0 {
		a.LastSeen = burst[len(burst)-1].Time
	}
	a.Severity = Severity(a)
	return a
}

// Severity grades an alert from 1 (more single critics than usual) to 6
// (a storm that reaches the media), in the spirit of the Shitstorm-Skala:
// volume, growth, spread across channels and people, and threats to go public.
func Severity(a *resonanz.Alert) int {
	level := 1
	steps := []bool{
		a.Ratio >= 3 && a.Authors >= 10,                       // 2: many customers share one critique
		a.Channels >= 2 && a.Authors >= 20,                    // 3: protest across channels
		a.Authors >= 50 && a.Ratio >= 5,                       // 4: a campaign
		a.Authors >= 50 && a.Urgent >= 3,                      // 5: threats to go to the press or to court
		a.Authors >= 200 && a.Urgent >= 10 && a.Channels >= 3, // 6: the storm reaches the media
	}
	for i, ok := range steps {
		if ok {
			level = i + 2
		}
	}
	return level
}

// topTerms returns the most frequent words of the burst (hashtags kept, short and common words left out).
func topTerms(burst []Observed, n int) []string {
	counts := map[string]int{}
	for _, o := range burst {
		seen := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(o.Text)) {
			// Handles and links name people and places, not the matter.
			if strings.HasPrefix(w, "@") || strings.Contains(w, "://") {
				continue
			}
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len([]rune(w)) < 4 || stopwords[w] || seen[w] {
				continue
			}
			seen[w] = true
			counts[w]++
		}
	}
	terms := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= 2 {
			terms = append(terms, w)
		}
	}
	sort.Slice(terms, func(i, j int) bool {
		if counts[terms[i]] != counts[terms[j]] {
			return counts[terms[i]] > counts[terms[j]]
		}
		return terms[i] < terms[j]
	})
	return terms[:min(n, len(terms))]
}

// stopwords are frequent German and English words that say nothing about a storm.
var stopwords = map[string]bool{
	"aber": true, "alle": true, "auch": true, "bitte": true, "dann": true, "dass": true, "dein": true, "denn": true,
	"doch": true, "eine": true, "einen": true, "einer": true, "euch": true, "eure": true, "euer": true, "habe": true,
	"haben": true, "hier": true, "immer": true, "jetzt": true, "kann": true, "kein": true, "keine": true, "mein": true,
	"meine": true, "mehr": true, "mich": true, "mir": true, "nach": true, "nicht": true, "noch": true, "oder": true,
	"schon": true, "sehr": true, "seit": true, "sind": true, "über": true, "und": true, "unser": true, "wenn": true,
	"wieder": true, "wird": true, "with": true, "this": true, "that": true, "have": true, "your": true, "what": true,
	"from": true, "still": true, "just": true, "they": true, "will": true, "been": true, "when": true, "there": true,
	"hallo": true, "danke": true, "thanks": true, "freundlichen": true, "grüßen": true, "grüße": true,
	"regards": true, "team": true, "dear": true, "liebe": true, "geehrte": true, "damen": true, "herren": true,
}
