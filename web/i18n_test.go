package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/resonanz/resonanz"
)

func mustCatalogue(t *testing.T) catalogue {
	t.Helper()
	c, err := loadCatalogue(localeFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c) < 2 {
		t.Fatalf("the catalogue has %d languages, want German and English", len(c))
	}
	return c
}

// Every text a person reads exists in every language of the catalogue, with
// the same blanks.
func TestEveryTextInEveryLanguage(t *testing.T) {
	c := mustCatalogue(t)
	for lang, texts := range c {
		for other, others := range c {
			for key, text := range others {
				mine, ok := texts[key]
				if !ok {
					t.Errorf("%q has a %s text but no %s one", key, other, lang)
					continue
				}
				if a, b := blanks(mine), blanks(text); !slices.Equal(a, b) {
					t.Errorf("%q: the %s text has the blanks %q, the %s one %q", key, lang, a, other, b)
				}
			}
		}
	}
}

var (
	verbRE  = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
	blankRE = regexp.MustCompile(`\{[a-z_]+(:[a-z_.=]+)?\}`)
)

// blanks lists the printf verbs (by kind) and the named blanks of a text, sorted.
func blanks(text string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(text, -1) {
		if v != "%%" {
			out = append(out, "%"+v[len(v)-1:])
		}
	}
	out = append(out, blankRE.FindAllString(text, -1)...)
	slices.Sort(out)
	return out
}

// Every key a template names literally is in the catalogue: the agents'
// pages and the public ones (forms, a customer's wishes and survey).
func TestTemplatesUseKnownTexts(t *testing.T) {
	en := mustCatalogue(t)[defaultLanguage]
	pages := parsePages()
	pages["form_public"], pages["public"] = formTemplate, publicTemplate
	for name, page := range pages {
		for _, tmpl := range page.Templates() {
			if tmpl.Tree == nil {
				continue
			}
			walkTemplate(tmpl.Tree.Root, func(key string) {
				if _, ok := en[key]; !ok {
					t.Errorf("page %s, template %s: no text %q", name, tmpl.Name(), key)
				}
			})
		}
	}
}

// walkTemplate calls found with every key of a call like {{.T "key"}},
// {{$p.T "key"}} or {{.Label "prefix" "value"}}.
func walkTemplate(n parse.Node, found func(key string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTemplate(c, found)
			}
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, found)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, found)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, found)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, found)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, found)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkTemplate(c, found)
			}
		}
	case *parse.CommandNode:
		walkCommand(n, found)
	}
}

func walkBranch(b *parse.BranchNode, found func(key string)) {
	walkTemplate(b.Pipe, found)
	walkTemplate(b.List, found)
	walkTemplate(b.ElseList, found)
}

func walkCommand(n *parse.CommandNode, found func(key string)) {
	var method string
	switch f := n.Args[0].(type) {
	case *parse.FieldNode:
		method = f.Ident[len(f.Ident)-1]
	case *parse.VariableNode:
		method = f.Ident[len(f.Ident)-1]
	}
	literal := func(i int) (string, bool) {
		if i >= len(n.Args) {
			return "", false
		}
		s, ok := n.Args[i].(*parse.StringNode)
		if !ok {
			return "", false
		}
		return s.Text, true
	}
	if key, ok := literal(1); ok && method == "T" {
		found(key)
	}
	if prefix, ok := literal(1); ok && method == "Label" {
		if value, ok := literal(2); ok {
			found(prefix + "." + value)
		}
	}
	for _, a := range n.Args[1:] {
		walkTemplate(a, found)
	}
}

// Every key the web package names literally in Go is in the catalogue.
func TestHandlersUseKnownTexts(t *testing.T) {
	en := mustCatalogue(t)[defaultLanguage]
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			args := stringArgs(call)
			key := ""
			switch {
			case sel.Sel.Name == "T" && len(args) == 1:
				key = args[0]
			case sel.Sel.Name == "Label" && len(args) == 2:
				key = args[0] + "." + args[1]
			}
			if _, ok := en[key]; key != "" && !ok {
				t.Errorf("%s: no text %q", fset.Position(call.Pos()), key)
			}
			return true
		})
	}
}

// stringArgs returns the call's arguments if all are string literals.
func stringArgs(call *ast.CallExpr) []string {
	var out []string
	for _, a := range call.Args {
		lit, ok := a.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return nil
		}
		s, _ := strconv.Unquote(lit.Value)
		out = append(out, s)
	}
	return out
}

// Every keyed application error, anywhere in resonanz, has its text in
// every language; the English one is the format it is made with, so that
// the API and the UI say the same.
func TestErrorsHaveTexts(t *testing.T) {
	c := mustCatalogue(t)
	fset := token.NewFileSet()
	keyed := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(src), ".Keyed(") {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Keyed" {
				return true
			}
			keyed++
			at := fset.Position(call.Pos())
			keys := stringArgs(call)
			made, ok := sel.X.(*ast.CallExpr)
			if len(keys) != 1 || !ok {
				t.Errorf("%s: name the text of an error with a literal key, right where the error is made", at)
				return true
			}
			format := errorFormat(made)
			for lang, texts := range c {
				text, ok := texts["error."+keys[0]]
				switch {
				case !ok:
					t.Errorf("%s: no %s text error.%s", at, lang, keys[0])
				case lang == defaultLanguage && format != "" && text != format:
					t.Errorf("%s: the English text of error.%s is %q, the error says %q", at, keys[0], text, format)
				case format != "" && !slices.Equal(blanks(text), blanks(format)):
					t.Errorf("%s: the %s text of error.%s has the blanks %q, the error %q", at, lang, keys[0], blanks(text), blanks(format))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if keyed == 0 {
		t.Fatal("found no keyed errors: is the walk looking in the right place?")
	}
}

// errorFormat returns the literal format of resonanz.Errorf or FieldError, "" if there is none.
func errorFormat(call *ast.CallExpr) string {
	var name string
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		name = f.Sel.Name
	case *ast.Ident:
		name = f.Name
	}
	if (name != "Errorf" && name != "FieldError") || len(call.Args) < 2 {
		return ""
	}
	lit, ok := call.Args[1].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return ""
	}
	s, _ := strconv.Unquote(lit.Value)
	return s
}

// valueTexts says under which key prefix the catalogue words the values of
// the domain's constants, by the start of their names; longer starts first.
var valueTexts = []struct{ name, key string }{
	{"GoodwillWhy", "goodwill.why."}, {"Goodwill", "goodwill."}, {"Audit", "audit."}, {"Notify", "notice."},
	{"Reason", "reason."}, {"Goal", "goal."}, {"Role", "role."}, {"Priority", "priority."}, {"Status", "status."},
	{"Kind", "kind."}, {"Lang", "language."}, {"Urgent", "urgency."}, {"Promise", "promise."},
	{"Purpose", "purpose."}, {"Wish", "wish."}, {"Source", "source."}, {"Decision", "decision."},
	{"OutboundReply", "outbound."}, {"OutboundBulk", "outbound."}, {"OutboundSurvey", "outbound."}, {"OutboundNotice", "outbound."},
	{"Question", "question."}, {"Held", "delivery.held."},
	{"SkipConsent", "bulk.skip."}, {"SkipNoPrivate", "bulk.skip."}, {"SkipNoVariant", "bulk.skip."}, {"SkipRemoved", "bulk.skip."}, {"Skip", "skip."},
}

// Every value a person may read of the domain's fixed sets (statuses,
// roles, the kinds of audit entries and notifications …) and every channel
// has a text in the catalogue.
func TestDomainValuesHaveTexts(t *testing.T) {
	en := mustCatalogue(t)[defaultLanguage]
	want := func(key, from string) {
		if _, ok := en[key]; !ok {
			t.Errorf("%s: no text %q", from, key)
		}
	}
	for _, ch := range resonanz.Channels {
		want("channel."+ch.Name, "resonanz.Channels")
	}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("../*.go")
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			group, ok := decl.(*ast.GenDecl)
			if !ok || group.Tok != token.CONST {
				continue
			}
			alertPrefix := ""
			for _, spec := range group.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					switch name.Name {
					case "AlertRaised":
						alertPrefix = "alert.event."
					case "AlertOpen":
						alertPrefix = "alert.status."
					}
				}
			}
			for _, spec := range group.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					value, _ := strconv.Unquote(lit.Value)
					prefix := ""
					for _, vt := range valueTexts {
						if strings.HasPrefix(name.Name, vt.name) {
							prefix = vt.key
							break
						}
					}
					if strings.HasPrefix(name.Name, "Alert") && alertPrefix != "" {
						prefix = alertPrefix
					}
					if prefix != "" {
						want(prefix+value, fset.Position(name.Pos()).String()+" "+name.Name)
						checked++
					}
				}
			}
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d values: is the walk looking in the right place?", checked)
	}
}
