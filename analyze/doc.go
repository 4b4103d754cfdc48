// Package analyze understands one customer message: its language,
// sentiment, kind, topics and urgency signals. Sentiment and kind come from
// linear models over hashed word and character n-grams, trained outside the
// server (package train) on PotTS and on a generated set of customer
// messages; language, topics and urgency come from word lists, so a company
// can read and extend them.
package analyze
