// Package watch warns when negative messages about one topic grow into a
// storm, and measures how well it does on real and generated streams.
//
// # How a Detector decides
//
// It counts messages per key (a topic, or all negative messages) in
// 5-minute buckets and scores five windows ending now: 5 and 15 minutes, 1,
// 4 and 12 hours. Short windows see a sudden storm within minutes; long
// ones see a topic with a message an hour triple its volume. Each window is
// compared with its baseline: the same window at the same time on the same
// weekday in the three weeks before, plus the windows 15 minutes earlier and
// later (the seven days before stand in while fewer than two weeks are
// known). The baseline's centre is a mean with outliers clipped, its spread
// the scaled median absolute deviation. The score is the smaller of two
// z-scores: one on square roots, which is how Poisson counts vary, and one on
// the past spread, for topics that vary more than that.
//
// A window alarms when it scores at least 3.5, holds at least 4 messages and
// at least 3 times the usual count, and scores at least 1.5 times the key's
// usual bursts: the highest daily scores of the last 14 days, leaving out the
// busiest sixth of the days, and, where that usual top lies above 3.5,
// 3.5 plus 2.5 times the excess (Config.Burst). These last rules are what
// real social streams need. On tweet counts, bursts of 5× to 10× for five
// minutes come nearly every day (bots, retweet waves); without them the
// detector raised 0.89 false-alarm events a day on the NAB series below, and
// 0.136 without the second. A calm key's usual top is what chance brings,
// about 3.5 or less, so the second adds nothing there. An alarm stays open until every
// window has been less than half-way to alarming for 2 hours, so one storm
// raises one alarm. No key alarms in its first 3 days.
//
// An open alarm would hide a bigger storm that follows within the cool-down.
// So a window that alarms on its own at Config.Escalate (2.5) times the
// highest ratio it had since the alarm, taken per block of its length,
// lagging a window and leaving out the alarm's block, raises an escalation
// (see escalate.go).
//
// # Measured with DefaultConfig
//
// NAB realTweets (eval.EvalNAB on ../shared/data/nab-realtweets, six series, 19
// labelled windows): 17 windows hit, 27 false-alarm events in 330
// series-days (0.082 a day; 0.136 before the burst rule), NAB score 77.3,
// median delay -40 minutes (the first alarm of a window usually comes before
// its labelled point). The two misses are AMZN on 2015-04-01 (one 5-minute
// bucket at 3× the usual) and GOOG on 2015-03-22 (50 tweets where 10 are
// usual, twice). Held out one series at a time, with the parameters chosen
// on the other five: 16 of 19 windows at 0.082 a day.
//
// Synthetic stream (eval.EvalSynthetic, seed 1: 360 days, six topics of 0.5 to 10
// negative messages an hour at peak, daily and weekly rhythm, a level that
// varies from day to day, a 12-hour storm every other day): every storm of 5×
// and 20× is found, sudden and slow; 2× storms 61 % (sudden) and 46 %
// (slow). Median delay: 11 minutes for sudden 20× storms, 51 for sudden 5×,
// 164 and 64 minutes for slow ones (which take 2 to 3 hours to build up),
// 62 over all storms of 5× and more, 52 when a slow storm is timed from its
// onset (when it has built up to twice the usual rate). False alarms: 0.30
// per topic per 30 days. Seeds 2 to 5 miss 0, 2, 2 and 2 of their 110 storms
// of 5× and more (all on quiet topics, none hidden by a cool-down), with 0.24
// to 0.32 false alarms.
//
// Not reached, and not reachable: a median delay of 15 minutes over all 5×
// and 20× storms. eval.EvalSynthetic also estimates the best reachable (reachDelay): a window
// test that knows every topic's usual rate exactly, at one false alarm per
// topic per 30 days, finds these storms after 42 minutes (median; 34 from
// their onset) and only 28 of 110 within 15 minutes of their onset. A topic
// with a few messages an hour cannot tell 5× from chance that soon, and a
// slow storm is still near its usual rate 15 minutes after its onset.
//
// # How it was tuned
//
// The rules came from looking at the misses and false alarms: the Poisson
// score (five messages where one is usual are not a storm), the remembered
// bursts (the NAB false alarms), the burst rule (a tweet series' daily tops
// lie far above what chance brings), the weekly baseline (storms on a
// Saturday were judged against weekdays), and the end of an alarm measured
// against the key's own bar (bursty keys never calmed down). Threshold,
// tail and burst are chosen by leaving one NAB series out (eval.LeaveOneOut,
// eval.Grid), with the generated stream's bars; DefaultConfig holds the
// choice and a test in watch/eval checks it. Seeds 2 to 5 only check.
//
// # New clusters
//
// Negative messages that fit no topic have no key to count under. The
// Monitor finds them when they share a hashtag, or a pair of rare terms
// (cluster.go): 15 people within an hour, the pair far more frequent in the
// hour's messages than in a decayed 7-day background, in tables of bounded
// size.
//
// # Crisis rooms
//
// A storm is what many people say together, not every negative message of
// its topic. The room of an alert holds the messages of its key and time
// that share the burst's content: a hashtag or link many of them carry, two
// of its rare terms (frequent in the burst, rare in what the key's messages
// usually say, per language), or a TF-IDF cosine of 0.35 to the burst's
// centroid (room.go). Each judgement is saved with its score and reason;
// the topic's other complaints stay in the inbox. On generated streams
// unseen while choosing (eval.Rooms, seeds 4 to 8) the rooms hold their
// storms with precision 0.995 and recall 0.998 (docs/storms.md).
//
// # Running beside ingest
//
// A Runner hands committed messages to the Monitor through a queue, so that
// ingest never waits for it. At start it replays the stored history of the
// last 22 days in the background (the baseline looks back three weeks);
// messages that arrive meanwhile wait and are observed once it is warm, and
// the QuietCloser closes no alert before then.
package watch
