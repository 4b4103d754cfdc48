package demo

import (
	"fmt"
	"strings"
)

// tmpl is a sentence with placeholders such as {order}, split up once at
// start-up so that writing a message never has to search for braces.
type tmpl []piece

type piece struct {
	text string
	slot slot // written after text
}

type slot uint8

const (
	noSlot slot = iota
	slotWare
	slotWrong
	slotWrongAcc
	slotName
	slotOrder
	slotN
	slotMinutes
	slotPrice
	slotPrice2
	slotStaff
	slotStore
	slotMonth
	slotMonth2
	slotWeekday
	slotCompany
	slotFirst
	slotKunde
	slotPron
	slotRegular
)

var slotNames = map[string]slot{
	"ware": slotWare, "wrong": slotWrong, "wrongacc": slotWrongAcc, "name": slotName,
	"order": slotOrder, "n": slotN, "minutes": slotMinutes, "price": slotPrice,
	"price2": slotPrice2, "staff": slotStaff, "store": slotStore, "month": slotMonth,
	"month2": slotMonth2, "weekday": slotWeekday, "company": slotCompany, "first": slotFirst,
	"kunde": slotKunde, "pron": slotPron, "regular": slotRegular,
}

// lines parses templates. A typo in a placeholder stops the program at
// start-up rather than ending up in demo data.
func lines(list ...string) []tmpl {
	out := make([]tmpl, len(list))
	for i, s := range list {
		out[i] = parse(s)
	}
	return out
}

func parse(s string) tmpl {
	var t tmpl
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return append(t, piece{text: s})
		}
		j := i + strings.IndexByte(s[i:], '}')
		sl, ok := slotNames[s[i+1:max(i+1, j)]]
		if !ok {
			panic(fmt.Sprintf("demo: bad placeholder in %q", s))
		}
		t = append(t, piece{s[:i], sl})
		s = s[j+1:]
	}
}
