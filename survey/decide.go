// Package survey decides the satisfaction survey of a solved conversation
// and runs the job that sends it after the settings' delay. Decide is pure
// logic on resonanz.SurveyFacts; the store loads them, and records what the
// outcome says, in one transaction.
package survey

import (
	"time"

	"github.com/resonanz/resonanz"
)

// Decide says what becomes of the survey of a solved conversation, once.
// Nothing happens if the conversation was reopened (or solved again) since
// the job's solve, or its survey was decided already; none is asked if the
// team and channel ask no question. It skips a sensitive conversation, a
// refused complaint no lead reviewed (resonanz.RefusedWithoutReview), a
// channel without private messages (a personal link never goes out
// publicly) or an account to send them, and a person who got a survey
// within the settings' days; the contact's wishes decide the rest. Once the
// survey has its link, the invitation is the settings' text in the
// customer's language with the link, skipped if too long for the channel.
func Decide(f resonanz.SurveyFacts) resonanz.SurveyOutcome {
	c := f.Conversation
	if f.SolvedAt.IsZero() || !f.SolvedAt.Equal(f.JobSolvedAt) || f.SurveyedFor.Equal(f.SolvedAt) ||
		(c.Status != resonanz.StatusSolved && c.Status != resonanz.StatusClosed) {
		return resonanz.SurveyOutcome{Stale: true}
	}
	question := f.Settings.QuestionFor(c.TeamID, c.Channel)
	if question == "" {
		return resonanz.SurveyOutcome{}
	}
	ch, _ := resonanz.LookupChannel(c.Channel)
	switch {
	case c.Sensitive:
		return skip(resonanz.SkipSensitive, nil)
	case resonanz.RefusedWithoutReview(c):
		return skip(resonanz.SkipRefused, nil)
	case !ch.CanPrivate:
		return skip(resonanz.SkipChannel, nil)
	case !f.HasAccount:
		return skip(resonanz.SkipAccount, nil)
	case !f.LastSurvey.IsZero() && f.LastSurvey.After(f.Now.AddDate(0, 0, -f.Settings.Every)):
		return skip(resonanz.SkipRecent, resonanz.Params{"last": f.LastSurvey.Format(time.RFC3339)})
	case !f.Consent.Allowed:
		return resonanz.SurveyOutcome{Blocked: true}
	}
	out := resonanz.SurveyOutcome{Question: question, Language: resonanz.CustomerLanguage(c.Language)}
	if f.Link == "" {
		return out
	}
	out.Text = resonanz.FillLink(f.Settings.Invite[out.Language], f.Link)
	if ch.CheckReplyLength(out.Text, c.CustomerHandle) != nil {
		// Too long for the channel (a long handle, a long text): it never leaves.
		return skip(resonanz.SkipChannel, nil)
	}
	return out
}

func skip(reason string, p resonanz.Params) resonanz.SurveyOutcome {
	return resonanz.SurveyOutcome{Skip: reason, SkipParams: p}
}
