// Package learn adapts the analysis to an installation's customers while
// resonanz runs: it learns versions of the models from the agents'
// corrections, refuses a version that does worse than the live one on the
// corrections held back from it, and swaps the live analysis to an accepted
// version at once.
package learn
