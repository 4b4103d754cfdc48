// Package route decides where a new conversation goes and when it must be
// answered. It is pure logic on the domain types: no storage, no clock of
// its own (every time is an argument), safe for concurrent use.
//
// The pieces:
//
//   - Business hours: Compile checks a resonanz.Calendar and turns it into
//     Hours, which answer Open, and do arithmetic in business time (Add,
//     Between) by the local wall clock of each day, so daylight-saving
//     changes, weekends, German public holidays of the calendar's federal
//     state (Holidays, Easter) and extra closed days are all respected. Nil
//     Hours are open around the clock.
//   - SLA: the router gives a conversation the policy resonanz.ChoosePolicy
//     chooses (priority before team before channel); Clock tracks its first
//     response, next response and resolution goals in business time, with
//     the resolution pausing while the conversation waits for the customer.
//     When a timer fires, DecideSLA says who hears of the warning or breach
//     and whether the conversation goes back to its team.
//   - Rules: NewEngine compiles the routing rules once; Engine.Route applies
//     them to a message (channel, kind, sentiment, language, topics, urgency,
//     VIP, repeat customer, stemmed keywords) and explains each match, so the
//     UI can say which rule routed a conversation and why.
//   - Assignment: PickAgent gives a conversation to the customer's previous
//     owner or the next available member of the team's round-robin.
//   - Running: Router takes in what happened to conversations and writes its
//     decisions through a resonanz.RouteStore; StartRunner keeps it going
//     beside the server, woken by the store, with the SLA timers.
package route
