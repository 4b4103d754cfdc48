// Package watch warns when negative messages about one topic grow into a
// storm: a Detector counts messages per key (a topic, or all messages) in
// short windows and compares each window with what is usual for that time of
// day and day of week.
//
// EvalNAB and EvalSynthetic measure the detector on real and generated
// streams, so that a change to it or to its Config shows what it gains and
// what it costs.
package watch
