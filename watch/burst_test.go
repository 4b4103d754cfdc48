package watch

import (
	"testing"
	"time"
)

// burstyTopic runs a topic of 20 messages an hour where a bot posts 30× that
// for ten minutes once a day, at another hour each day (as tweet volumes
// burst), and on the Monday of the fourth week a burst of size times the
// usual at 16:00. It returns the alarms after the first week.
func burstyTopic(t *testing.T, cfg Config, size float64) []time.Time {
	t.Helper()
	d, err := NewDetector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	big := monday.Add(3*week + 16*time.Hour)
	at, _ := stream(t, d, "social", 7, 0, 3*week+24*time.Hour, func(tt time.Time) float64 {
		day := int(tt.Sub(monday) / (24 * time.Hour))
		bot := (9 + day*5%11) * 60
		switch mins := tt.Hour()*60 + tt.Minute(); {
		case tt.Truncate(24*time.Hour).Equal(big.Truncate(24*time.Hour)) && mins >= 16*60 && mins < 16*60+10:
			return size * 20
		case mins >= bot && mins < bot+10:
			return 30 * 20
		default:
			return 20
		}
	})
	var late []time.Time
	for _, a := range at {
		if a.After(monday.Add(week)) {
			late = append(late, a)
		}
	}
	return late
}

func TestBurstyTopicMustBurstFarAboveItsDailyTop(t *testing.T) {
	// The bot's daily bursts score far above the threshold. A burst of 50×,
	// not twice the bot's, is this topic's business as usual: 1.5 times its
	// usual daily top (the tail alone) would call it a storm, the burst rule
	// does not. One of 100× still alarms within ten minutes.
	cfg := DefaultConfig()
	if at := burstyTopic(t, cfg, 50); len(at) > 0 {
		t.Errorf("alarms at %v for a burst of 50× on a topic a bot bursts 30× every day", at)
	}
	tailOnly := cfg
	tailOnly.Burst = 0
	if at := burstyTopic(t, tailOnly, 50); len(at) == 0 {
		t.Error("without the burst rule the burst of 50× raised no alarm either; the test proves nothing")
	}
	big := monday.Add(3*week + 16*time.Hour)
	if at := burstyTopic(t, cfg, 100); len(at) != 1 || at[0].Before(big) || at[0].After(big.Add(10*time.Minute)) {
		t.Errorf("alarms at %v, want one within ten minutes of the burst of 100× at %v", at, big)
	}
}
