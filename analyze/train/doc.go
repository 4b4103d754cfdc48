// Package train builds the analysis models that resonanz ships and measures
// them: the data sets and their readers, the generated and hand-written
// messages, training with the settings chosen by cross-validation, and the
// evaluation that `resonanz eval analysis` prints. The server never imports
// it; the features a model reads stay with package analyze.
package train
