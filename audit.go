package resonanz

import "strings"

// Params are the facts of a stored event (an audit entry, a notification, a
// step of an alert), which the UI words in the reader's language: times in
// RFC 3339, amounts in cents, durations as Go writes them ("4h0m0s"), values
// of a fixed set (a status, a channel) by their names, lists comma-separated.
type Params map[string]string

// Audit kinds: what an audit entry records, with the params it carries. The
// part before the first dot is the entry's action (status, assign, promise …).
const (
	AuditStatus            = "status"             // from, to
	AuditTeam              = "team"               // team
	AuditAssign            = "assign"             // owner, chosen by a person
	AuditAssignPrevious    = "assign.previous"    // owner, who worked the customer's last conversation
	AuditAssignRoundRobin  = "assign.round_robin" // owner, next in the team's round-robin
	AuditAssignRule        = "assign.rule"        // owner, rule
	AuditAssignBreach      = "assign.breach"      // given back to the team after a missed goal
	AuditNote              = "note"               // text
	AuditReply             = "reply"              // visibility, text
	AuditRetry             = "retry"              // reply
	AuditRelease           = "release"            // reply: a held reply queued once an account can send it
	AuditBulkReply         = "bulk_reply"         // alert, visibility, text
	AuditHandOver          = "handover"           // from, to, note
	AuditVIPOn             = "vip.on"
	AuditVIPOff            = "vip.off"
	AuditOptOut            = "consent.optout"      // reason; on every channel
	AuditOptOutOn          = "consent.optout.some" // channels, reason
	AuditContactAllowed    = "consent.allowed"     // reason
	AuditLabelKind         = "label.kind"          // from, to: an agent corrected the analysis
	AuditLabelSentiment    = "label.sentiment"     // from, to
	AuditLabelLanguage     = "label.language"      // from, to
	AuditLabelTopics       = "label.topics"        // from, to
	AuditRoute             = "route"               // rules, priority
	AuditRouteNone         = "route.none"          // priority
	AuditSLAWarning        = "sla.warning"         // goal, due, policy
	AuditSLABreach         = "sla.breach"          // goal, policy
	AuditPromiseAdded      = "promise.added"       // text, due, owner
	AuditPromiseKept       = "promise.kept"        // text
	AuditPromiseBroken     = "promise.broken"      // text, reason
	AuditPromiseHandOver   = "promise.handover"    // from, to, text, note
	AuditPromiseReminded   = "promise.reminded"    // count, text
	AuditPromiseEscalated  = "promise.escalated"   // count, text
	AuditGoodwillGranted   = "goodwill.granted"    // kind, amount, reason
	AuditGoodwillRequested = "goodwill.requested"  // kind, amount, reason, why and its facts (see GoodwillWhy)
	AuditGoodwillApproved  = "goodwill.approved"   // kind, amount, requester, note
	AuditGoodwillRejected  = "goodwill.rejected"   // kind, amount, requester, note
	AuditWish              = "wish"                // purpose, channel (EveryChannel for all), state, source, reason, wording
	AuditWishDoNotContact  = "wish.dnc"            // state, source, reason, wording: "do not contact" set or lifted
	AuditSendAllowed       = "send.allowed"        // kind (an Outbound* kind), outbox, and the decision's params (ConsentDecision.Params)
	AuditSendBlocked       = "send.blocked"        // kind, and the decision's params: nothing was queued
	AuditSensitiveOn       = "sensitive.on"        // no survey follows this conversation
	AuditSensitiveOff      = "sensitive.off"
	AuditSurveySent        = "survey.sent"     // question, outbox
	AuditSurveySkipped     = "survey.skipped"  // reason (a Skip* value), last (when the person got their last survey)
	AuditSurveyAnswered    = "survey.answered" // question, score, comment
)

// AuditAction is the action of an audit kind: the part before the first dot.
func AuditAction(kind string) string {
	action, _, _ := strings.Cut(kind, ".")
	return action
}
