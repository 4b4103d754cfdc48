package main

import (
	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
)

// checkCalendar tells a lead what is wrong with a calendar before it is saved.
func checkCalendar(c *resonanz.Calendar) error {
	if _, err := route.Compile(c); err != nil {
		return resonanz.FieldError("calendar", "%v", err)
	}
	return nil
}
