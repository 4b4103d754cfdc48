package feed

import "time"

// SetClock lets a test move the time a channel reads.
func (c *Channel) SetClock(now func() time.Time) { c.now = now }
