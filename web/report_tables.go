package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/report"
)

// reportTable is a table of a report: shown behind its chart, and exported
// as CSV with the same cells.
type reportTable struct {
	Name    string // in the CSV's address and file name
	Caption string
	Head    []string
	Rows    [][]tableCell
}

// tableCell is one cell; URL opens the inbox on the conversations it counts.
type tableCell struct {
	Text string
	URL  string
}

// chartBlock is a chart, the definition of what it counts, and its table.
type chartBlock struct {
	Chart      *chartView // nil: a table alone
	Definition string
	Table      reportTable
}

// dimension is a series of the overview and how the inbox filters by its keys.
type dimension struct {
	name   string // channels, kinds, sentiment
	param  string // the inbox's query parameter
	series report.Series
	label  func(key string) string
	class  func(i int, key string) string
}

// seriesBlock draws a series as stacked columns per bucket, each part
// linking to the inbox on the conversations of that bucket and key.
func seriesBlock(l *locale, o *report.Overview, d dimension) chartBlock {
	t := reportTable{Name: d.name, Caption: l.T("report.chart." + d.name), Head: []string{l.T("report.period")}}
	for _, k := range d.series.Keys {
		t.Head = append(t.Head, d.label(k))
	}
	t.Head = append(t.Head, l.T("report.total"))
	stacks := make([]stack, len(o.Buckets))
	for b, bucket := range o.Buckets {
		name := bucketName(l, bucket)
		stacks[b].Label = bucketLabel(l, bucket)
		cells := []tableCell{{Text: name}}
		sum := 0
		for k, key := range d.series.Keys {
			n := d.series.Counts[b][k]
			sum += n
			link := ""
			if key != "" {
				link = inboxLink(o.Filter, bucket.From, bucket.To, statusAll, d.param, key)
			}
			cells = append(cells, tableCell{Text: l.Whole(n), URL: link})
			stacks[b].Parts = append(stacks[b].Parts, stackPart{Count: n, Class: d.class(k, key), URL: link,
				Label: name + ", " + d.label(key) + ": " + l.Whole(n)})
		}
		cells = append(cells, tableCell{Text: l.Whole(sum), URL: inboxLink(o.Filter, bucket.From, bucket.To, statusAll)})
		t.Rows = append(t.Rows, cells)
	}
	c := chartView{ID: "chart-" + d.name, Title: t.Caption, Desc: l.T("report.desc." + d.name)}
	for k, key := range d.series.Keys {
		c.Legend = append(c.Legend, legendItem{Class: d.class(k, key), Text: d.label(key) + " " + l.Whole(d.series.Totals[k])})
	}
	c = columns(c, stacks, l.Whole)
	return chartBlock{Chart: &c, Definition: l.T("report.def." + d.name), Table: t}
}

// bucketLabel is the short name under a column: the day, or a week's first day.
func bucketLabel(l *locale, b report.Bucket) string { return b.From.Format(l.T("report.day")) }

// bucketName names a bucket whole: a day, or the first and last day of a week.
func bucketName(l *locale, b report.Bucket) string {
	if last := b.Last(); !last.Equal(b.From) {
		return b.From.Format(l.T("report.date")) + " – " + last.Format(l.T("report.date"))
	}
	return b.From.Format(l.T("report.date"))
}

func topicsBlock(l *locale, o *report.Overview) chartBlock {
	t := reportTable{Name: "topics", Caption: l.T("report.chart.topics"),
		Head: []string{l.T("topic"), l.T("report.conversations"), l.T("report.before"), l.T("report.change")}}
	var list []row
	for _, tc := range o.Topics {
		link := inboxLink(o.Filter, o.Filter.Period.From, o.Filter.Period.To, statusAll, "topic", tc.Name)
		name := l.Label("topic", tc.Name)
		list = append(list, row{Name: name, Count: tc.Count, Class: "s0", URL: link, Label: name + ": " + l.Whole(tc.Count)})
		t.Rows = append(t.Rows, []tableCell{{Text: name}, {Text: l.Whole(tc.Count), URL: link}, {Text: l.Whole(tc.Before)}, {Text: signed(l, tc.Rise())}})
	}
	c := rows(chartView{ID: "chart-topics", Title: t.Caption, Desc: l.T("report.desc.topics")}, list, l.Whole)
	return chartBlock{Chart: &c, Definition: l.T("report.def.topics"), Table: t}
}

func risingBlock(l *locale, o *report.Overview) chartBlock {
	t := reportTable{Name: "rising", Caption: l.T("report.chart.rising"),
		Head: []string{l.T("topic"), l.T("report.conversations"), l.T("report.before"), l.T("report.change")}}
	for _, tc := range o.Rising {
		link := inboxLink(o.Filter, o.Filter.Period.From, o.Filter.Period.To, statusAll, "topic", tc.Name)
		t.Rows = append(t.Rows, []tableCell{{Text: l.Label("topic", tc.Name)}, {Text: l.Whole(tc.Count), URL: link}, {Text: l.Whole(tc.Before)}, {Text: signed(l, tc.Rise())}})
	}
	return chartBlock{Definition: l.T("report.def.rising"), Table: t}
}

// signed writes a change with its sign: "+3", "-2", "0".
func signed(l *locale, n int) string {
	if n > 0 {
		return "+" + l.Whole(n)
	}
	return l.Whole(n)
}

func backlogBlock(l *locale, o *report.Overview) chartBlock {
	t := reportTable{Name: "backlog", Caption: l.T("report.chart.backlog"), Head: []string{l.T("report.age"), l.T("report.open")}}
	var list []row
	for _, a := range o.Backlog.Ages {
		link := inboxLink(o.Filter, a.From, a.To, "")
		name := l.T("report.age." + a.Key)
		list = append(list, row{Name: name, Count: a.Count, Class: "c-" + a.Key, URL: link, Label: name + ": " + l.Whole(a.Count)})
		t.Rows = append(t.Rows, []tableCell{{Text: name}, {Text: l.Whole(a.Count), URL: link}})
	}
	c := rows(chartView{ID: "chart-backlog", Title: t.Caption, Desc: l.T("report.desc.backlog")}, list, l.Whole)
	return chartBlock{Chart: &c, Definition: l.T("report.def.backlog"), Table: t}
}

// figure is one key figure, with its definition next to it.
type figure struct {
	key, value, url string
}

// figuresTable lists the key figures with what each one counts.
func figuresTable(l *locale, o *report.Overview) reportTable {
	f, p := o.Filter, o.Filter.Period
	times := func(t report.Times, d time.Duration) string {
		if t.Count == 0 {
			return "—"
		}
		return l.Duration(d)
	}
	oldest := "—"
	if !o.Backlog.Oldest.IsZero() {
		oldest = l.Time(o.Backlog.Oldest)
	}
	figures := []figure{
		{"new", l.Whole(o.New), inboxLink(f, p.From, p.To, statusAll)},
		{"answered", l.Whole(o.FirstResponse.Count), ""},
		{"first_median", times(o.FirstResponse, o.FirstResponse.Median), ""},
		{"first_p90", times(o.FirstResponse, o.FirstResponse.P90), ""},
		{"solved", l.Whole(o.Resolution.Count), ""},
		{"resolution_median", times(o.Resolution, o.Resolution.Median), ""},
		{"resolution_p90", times(o.Resolution, o.Resolution.P90), ""},
		{"goals", strings.Join([]string{l.Whole(o.Goals.Met), l.T("report.of"), l.Whole(o.Goals.Decided), "(" + l.Share(o.Goals.Met, o.Goals.Decided) + ")"}, " "), ""},
		{"backlog", l.Whole(o.Backlog.Open), inboxLink(f, time.Time{}, time.Time{}, "")},
		{"oldest", oldest, ""},
		{"promises_kept", l.Whole(o.Promises.Kept), ""},
		{"promises_broken", l.Whole(o.Promises.Broken), ""},
		{"promises_overdue", l.Whole(o.Promises.Overdue), ""},
		{"goodwill", l.Whole(o.Goodwill.Grants) + " · " + resonanz.FormatEuros(o.Goodwill.Amount), ""},
		{"praise", l.Whole(o.Praise), inboxLink(f, p.From, p.To, statusAll, "kind", "praise")},
		{"complaints", l.Whole(o.Complaints), inboxLink(f, p.From, p.To, statusAll, "kind", "complaint")},
		{"csat", csatFigure(l, o.Surveys), ""},
		{"nps", npsFigure(l, o.Surveys), ""},
	}
	t := reportTable{Name: "figures", Caption: l.T("report.figures"), Head: []string{l.T("report.figure"), l.T("report.value"), l.T("report.definition")}}
	for _, fig := range figures {
		t.Rows = append(t.Rows, []tableCell{{Text: l.T("report.fig." + fig.key)}, {Text: fig.value, URL: fig.url}, {Text: l.T("report.def." + fig.key)}})
	}
	return t
}

// csatFigure is the mean CSAT score, the share of satisfied answers and
// how many answers there were; "—" without any.
func csatFigure(l *locale, t resonanz.SurveyTally) string {
	if t.CSAT == 0 {
		return "—"
	}
	return fmt.Sprintf(l.T("report.csat.value"), l.Decimal(t.CSATAverage()), t.SatisfiedShare(), l.Whole(t.CSAT))
}

// npsFigure is the net promoter score and how many answers it rests on.
func npsFigure(l *locale, t resonanz.SurveyTally) string {
	if t.NPS == 0 {
		return "—"
	}
	return fmt.Sprintf(l.T("report.nps.value"), t.NetPromoterScore(), l.Whole(t.NPS))
}

// overviewBlocks are the overview's charts and tables, in the page's order.
func overviewBlocks(l *locale, o *report.Overview) []chartBlock {
	index := func(i int, _ string) string { return "s" + strconv.Itoa(i%8) }
	byKey := func(_ int, key string) string {
		if key == "" {
			return "c-none"
		}
		return "c-" + key
	}
	labelOr := func(prefix string) func(string) string {
		return func(key string) string {
			if key == "" {
				return l.T("report.unlabelled")
			}
			return l.Label(prefix, key)
		}
	}
	return []chartBlock{
		seriesBlock(l, o, dimension{name: "channels", param: "channel", series: o.ByChannel, label: l.Channel, class: index}),
		seriesBlock(l, o, dimension{name: "kinds", param: "kind", series: o.ByKind, label: labelOr("kind"), class: byKey}),
		seriesBlock(l, o, dimension{name: "sentiment", param: "sentiment", series: o.BySentiment, label: labelOr("sentiment"), class: byKey}),
		topicsBlock(l, o),
		risingBlock(l, o),
		backlogBlock(l, o),
	}
}
