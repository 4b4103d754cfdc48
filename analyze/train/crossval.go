package train

import (
	"fmt"
	"io"
	"slices"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// Names of the cross-validated sets.
const (
	SetSB10kCV = "SB-10k train, 5-fold cross-validated"
	SetPotTSCV = "PotTS train, 5-fold cross-validated"
	SetOwnCV   = "hand-written training messages, 5-fold cross-validated"
)

// cvFolds is the number of folds of cross-validation.
const cvFolds = 5

// scored holds the raw class scores and gold classes of a set.
type scored struct {
	logits [][]float64
	gold   []int
}

// fold splits the tweets by position: the i-th of k folds is held out.
func (ts tweetSets) fold(k, i int) (train, held tweetSets) {
	part := func(rows []labelled) (in, out []labelled) {
		for j, l := range rows {
			if j%k == i {
				out = append(out, l)
			} else {
				in = append(in, l)
			}
		}
		return in, out
	}
	train.potts, held.potts = part(ts.potts)
	train.sb10k, held.sb10k = part(ts.sb10k)
	return train, held
}

// foldExamples splits messages by position: the i-th of k folds is held out.
func foldExamples(msgs []analyze.Example, k, i int) (train []analyze.Example, held []labelled) {
	for j, e := range msgs {
		if j%k == i {
			held = append(held, labelled{e.Text, e.Sentiment})
		} else {
			train = append(train, e)
		}
	}
	return train, held
}

// cvScores are the out-of-fold scores of cross-validation.
type cvScores struct {
	potts, sb10k scored
	own          scored // the hand-written transport and customer messages
}

// crossValidate scores every tweet and every hand-written message with a
// sentiment model trained without its fold, and returns the scores before
// any neutral shift.
func crossValidate(opts TrainOptions, h hyper, c corpora, k int) cvScores {
	var out cvScores
	for i := range k {
		trainTweets, held := c.tweets.fold(k, i)
		fc := c
		fc.tweets = trainTweets
		var heldHW, heldCust []labelled
		fc.hw, heldHW = foldExamples(c.hw, k, i)
		fc.customers, heldCust = foldExamples(c.customers, k, i)
		m := fitSentiment(opts, h, fc)
		for _, set := range []struct {
			rows []labelled
			dst  *scored
		}{{held.potts, &out.potts}, {held.sb10k, &out.sb10k}, {heldHW, &out.own}, {heldCust, &out.own}} {
			for _, l := range set.rows {
				set.dst.logits = append(set.dst.logits, m.Scores(l.text))
				set.dst.gold = append(set.dst.gold, slices.Index(analyze.SentimentClasses, l.label))
			}
		}
	}
	return out
}

// confusionAt is the confusion of s once shift is added to the neutral score.
func (s scored) confusionAt(shift float64) *confusion {
	c := newConfusion(analyze.SentimentClasses)
	neutral := slices.Index(analyze.SentimentClasses, resonanz.Neutral)
	z := make([]float64, len(analyze.SentimentClasses))
	for i, row := range s.logits {
		copy(z, row)
		z[neutral] += shift
		c.add(s.gold[i], slices.Index(z, slices.Max(z))) // the first best class, as the analysis picks it
	}
	return c
}

// CrossValidate measures the sentiment training on data it did not see:
// PotTS train and SB-10k train (under dataDir) are split into five folds,
// and each fold is scored by a model trained with the shipped settings on
// everything else. It prints the scores to w and returns them.
func CrossValidate(dataDir string, seed uint64, w io.Writer) (Report, error) {
	var r Report
	opts := TrainOptions{DataDir: dataDir, Seed: seed}
	c, err := loadCorpora(opts)
	if err != nil {
		return r, err
	}
	if len(c.tweets.sb10k) == 0 || len(c.tweets.potts) == 0 {
		fmt.Fprintf(w, "cross-validation: PotTS or SB-10k train not found under %s, skipped\n", dataDir)
		return r, nil
	}
	cv := crossValidate(opts, defaultHyper, c, cvFolds)
	for _, set := range []struct {
		name string
		s    scored
	}{{SetSB10kCV, cv.sb10k}, {SetPotTSCV, cv.potts}, {SetOwnCV, cv.own}} {
		s := set.s.confusionAt(defaultHyper.neutralShift).score(set.name, "sentiment")
		s.print(w)
		r.Scores = append(r.Scores, s)
	}
	return r, nil
}
