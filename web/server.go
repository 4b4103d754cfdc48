// Package web serves resonanz over HTTP: the agents' UI, the JSON API and health checks.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"sync/atomic"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/metrics"
	"github.com/resonanz/resonanz/presence"
	"github.com/resonanz/resonanz/report"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Services are what the web server serves from.
type Services struct {
	Messages      resonanz.MessageService
	Conversations resonanz.ConversationService
	Users         resonanz.UserService
	Search        resonanz.SearchService
	Alerts        resonanz.AlertService
	Rules         resonanz.RuleService
	SLA           resonanz.SLAService
	Notifications resonanz.NotificationService
	Reports       resonanz.ReportService
	// Dashboards computes the overview and the figures per team and agent.
	Dashboards *report.Reporter
	RouteStore resonanz.RouteStore // agents' loads for the teams page
	Promises   resonanz.PromiseService
	Goodwill   resonanz.GoodwillService
	// Events bring news of alerts and presence to the open pages.
	Events resonanz.EventService
	// Analyzer labels sample messages when a lead tries the routing rules.
	Analyzer resonanz.Analyzer
	// TryRules routes a message with the given rules, without saving anything.
	TryRules func(rules []*resonanz.Rule, in *resonanz.RouteInput) resonanz.RouteDecision
	// CheckCalendar reports what is wrong with a calendar's hours and holidays.
	CheckCalendar func(c *resonanz.Calendar) error
	// Topics keeps the company's own topics; BuiltinTopics are the ones
	// resonanz comes with; ReloadTopics makes the analysis use changed
	// topics and returns all topic names.
	Topics        resonanz.TopicService
	BuiltinTopics []*resonanz.Topic
	ReloadTopics  func(ctx context.Context) ([]string, error)
	// SuggestSeedTerms learns from the agents' topic corrections.
	SuggestSeedTerms func(ctx context.Context) ([]resonanz.TopicSuggestion, error)
	// Models keeps the versions of the analysis learned from corrections.
	Models resonanz.ModelService
	// Channels connects the company's accounts; ChannelAccounts keeps them.
	Channels        resonanz.ChannelConnector
	ChannelAccounts resonanz.ChannelAccountService
	Outbox          resonanz.OutboxService
	Contacts        resonanz.ContactService
	Privacy         resonanz.PrivacyService
	Help            resonanz.HelpCenterService
	Canned          resonanz.CannedReplyService
	Signatures      resonanz.SignatureService
	UserAdmin       resonanz.UserAdminService
	// Attachments finds the files of customers' messages; Files opens
	// their kept bytes.
	Attachments resonanz.AttachmentService
	Files       AttachmentFiles
	// AutoReplies sends the web forms' confirmation mails; nil: none.
	AutoReplies resonanz.AutoReplySender
	Consent     resonanz.ConsentService
	Surveys     resonanz.SurveyService
	// Links sign and check the links of the customers' own pages (their
	// wishes, a survey); nil: those pages answer "not valid".
	Links *linksign.Signer
	// Presence knows who views or writes in which conversation; nil: a board of the server's own.
	Presence resonanz.PresenceService
	// EventWebhooks keeps the event webhook subscriptions and their delivery log.
	EventWebhooks resonanz.EventWebhookService
	// Operations and Metrics feed /metrics; nil Metrics: a registry of the server's own.
	Operations resonanz.OperationsService
	Metrics    *metrics.Registry
	// Praise keeps the praise customers wrote; Suggestions the board of their improvement suggestions.
	Praise      resonanz.PraiseService
	Suggestions resonanz.SuggestionService
}

// Server handles every HTTP request of resonanz.
type Server struct {
	Services
	Logger *slog.Logger
	// topicNames are the topic names the analysis knows, for filters and corrections.
	topicNames atomic.Pointer[[]string]
	// Location is the time zone in which people enter and read due times.
	Location *time.Location
	// Now returns the current time; tests stop it.
	Now func() time.Time
	// TrustedProxies are the addresses of reverse proxies in front of
	// resonanz: only from them X-Forwarded-Proto and X-Forwarded-For count.
	TrustedProxies []netip.Prefix
	// StormsWarming reports whether the storm monitor still learns from the
	// history after a start; the pages say so meanwhile. Nil: never.
	StormsWarming func() bool

	logins    loginLimits
	formRates formRates
	helpVotes helpVotes

	mux   *routeMux
	pages map[string]*template.Template
	texts catalogue
}

// routeMux is the standard mux that remembers the pattern of every route,
// so that tests can check who may use each one.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

// HandleFunc registers a route and remembers its pattern.
func (m *routeMux) HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request)) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.HandleFunc(pattern, handler)
}

// Handle registers a route and remembers its pattern.
func (m *routeMux) Handle(pattern string, handler http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, handler)
}

// Routes returns the pattern of every route ("POST /promises/{id}/keep"), in the order they were added.
func (s *Server) Routes() []string { return slices.Clone(s.mux.patterns) }

// NewServer returns a server using the given services.
func NewServer(services Services, logger *slog.Logger) *Server {
	texts, err := loadCatalogue(localeFS)
	if err != nil {
		panic(err) // the locale files are built in: a broken one is a programming error
	}
	s := &Server{Services: services, Logger: logger, Location: berlin, Now: time.Now, logins: newLoginLimits(),
		mux: &routeMux{ServeMux: http.NewServeMux()}, pages: parsePages(), texts: texts}
	if s.Presence == nil {
		s.Presence = presence.NewBoard()
	}
	if s.Metrics == nil {
		s.Metrics = metrics.New()
	}
	s.routes()
	return s
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("POST /api/v1/messages", s.requireToken(resonanz.ScopeIngest, s.handlePostMessages))
	s.apiRoutes()
	s.mux.HandleFunc("GET /metrics", s.handleMetrics)

	s.mux.HandleFunc("GET /lang", s.handleLanguage)
	s.mux.HandleFunc("GET /login", s.handleLoginPage)
	s.mux.HandleFunc("POST /login", s.handleLogin)
	s.mux.HandleFunc("POST /logout", s.requireUser(s.handleLogout))
	s.mux.HandleFunc("GET /{$}", s.requireUser(s.handleInbox))
	s.mux.HandleFunc("GET /conversations/{id}", s.requireUser(s.handleConversation))
	s.mux.HandleFunc("POST /conversations/{id}/reply", s.requireUser(s.handleReply))
	s.mux.HandleFunc("POST /conversations/{id}/note", s.requireUser(s.handleNote))
	s.mux.HandleFunc("POST /conversations/{id}/update", s.requireUser(s.handleUpdate))
	s.mux.HandleFunc("POST /conversations/{id}/consent", s.requireUser(s.handleConsent))
	s.mux.HandleFunc("POST /conversations/{id}/sensitive", s.requireUser(s.handleSensitive))
	s.mux.HandleFunc("POST /messages/{id}/label", s.requireUser(s.handleCorrectLabel))
	s.mux.HandleFunc("POST /messages/{id}/labels/confirm", s.requireUser(s.handleConfirmLabels))
	s.mux.HandleFunc("GET /search", s.requireUser(s.handleSearch))
	s.mux.HandleFunc("GET /alerts", s.requireUser(s.handleAlerts))
	s.mux.HandleFunc("GET /alerts/{id}", s.requireUser(s.handleCrisisRoom))
	s.mux.HandleFunc("POST /alerts/{id}/status", s.requireUser(s.handleAlertStatus))
	s.mux.HandleFunc("POST /alerts/{id}/statement", s.requireUser(s.handleStatement))
	s.mux.HandleFunc("POST /alerts/{id}/bulk/preview", s.requireUser(s.handleBulkPreview))
	s.mux.HandleFunc("POST /alerts/{id}/bulk/send", s.requireUser(s.handleBulkSend))
	s.mux.HandleFunc("POST /alerts/{id}/room", s.requireUser(s.handleRoomChoice))
	s.mux.HandleFunc("GET /events", s.requireUser(s.handleEvents))
	s.mux.HandleFunc("GET /alerts/banner", s.requireUser(s.handleAlertBar))
	s.mux.HandleFunc("POST /alerts/dismiss", s.requireUser(s.handleDismissAlerts))
	s.mux.HandleFunc("GET /notifications", s.requireUser(s.handleNotifications))
	s.mux.HandleFunc("POST /notifications/read", s.requireUser(s.handleNotificationsRead))
	s.mux.HandleFunc("GET /notifications/link", s.requireUser(s.handleNotificationsLink))
	s.mux.HandleFunc("POST /conversations/{id}/handover", s.requireUser(s.handleHandOver))
	s.mux.HandleFunc("POST /conversations/{id}/vip", s.requireUser(s.handleVIP))
	s.mux.HandleFunc("POST /me/away", s.requireUser(s.handleAway))
	s.mux.HandleFunc("GET /me", s.requireUser(s.handleMe))
	s.mux.HandleFunc("POST /me/zone", s.requireUser(s.handleMyZone))
	s.mux.HandleFunc("GET /settings/rules", s.requireUser(s.requireLead(s.handleRules)))
	s.mux.HandleFunc("POST /settings/rules", s.requireUser(s.requireLead(s.handleSaveRule)))
	s.mux.HandleFunc("POST /settings/rules/test", s.requireUser(s.requireLead(s.handleTestRule)))
	s.mux.HandleFunc("POST /settings/rules/{id}/move", s.requireUser(s.requireLead(s.handleMoveRule)))
	s.mux.HandleFunc("POST /settings/rules/{id}/delete", s.requireUser(s.requireLead(s.handleDeleteRule)))
	s.mux.HandleFunc("GET /settings/sla", s.requireUser(s.requireLead(s.handleSLA)))
	s.mux.HandleFunc("POST /settings/sla/policies", s.requireUser(s.requireLead(s.handleSavePolicy)))
	s.mux.HandleFunc("POST /settings/sla/policies/{id}/delete", s.requireUser(s.requireLead(s.handleDeletePolicy)))
	s.mux.HandleFunc("POST /settings/sla/calendars", s.requireUser(s.requireLead(s.handleSaveCalendar)))
	s.mux.HandleFunc("GET /settings/teams", s.requireUser(s.requireLead(s.handleTeams)))
	s.mux.HandleFunc("POST /settings/teams", s.requireUser(s.requireLead(s.handleSaveTeam)))
	s.mux.HandleFunc("POST /settings/agents/{id}", s.requireUser(s.requireLead(s.handleSaveAgent)))
	s.mux.HandleFunc("GET /reports/sla", s.requireUser(s.requireLead(s.handleSLAReport)))
	s.mux.HandleFunc("GET /settings/topics", s.requireUser(s.requireLead(s.handleTopics)))
	s.mux.HandleFunc("POST /settings/topics", s.requireUser(s.requireLead(s.handleSaveTopic)))
	s.mux.HandleFunc("POST /settings/topics/{name}/delete", s.requireUser(s.requireLead(s.handleDeleteTopic)))
	s.mux.HandleFunc("POST /settings/topics/{name}/learn", s.requireUser(s.requireLead(s.handleLearnTerm)))
	s.mux.HandleFunc("GET /settings/analysis", s.requireUser(s.requireLead(s.handleAnalysisSettings)))
	s.mux.HandleFunc("POST /settings/analysis/reset", s.requireUser(s.requireLead(s.handleResetModel)))
	s.reportRoutes()
	s.followupRoutes()
	s.tokenRoutes()
	s.eventWebhookRoutes()
	s.channelRoutes()
	s.basicsRoutes()
	s.formRoutes()
	s.helpRoutes()
	s.voiceRoutes()
	s.publicRoutes()
	s.surveyRoutes()
}

// surveyRoutes are the leads' settings of satisfaction surveys.
func (s *Server) surveyRoutes() {
	s.mux.HandleFunc("GET /settings/surveys", s.requireUser(s.requireLead(s.handleSurveySettings)))
	s.mux.HandleFunc("POST /settings/surveys", s.requireUser(s.requireLead(s.handleSaveSurveySettings)))
	s.mux.HandleFunc("POST /settings/surveys/choices", s.requireUser(s.requireLead(s.handleSaveSurveyChoice)))
	s.mux.HandleFunc("POST /settings/surveys/choices/{id}/delete", s.requireUser(s.requireLead(s.handleDeleteSurveyChoice)))
}

// reportRoutes are the dashboards: leads and admins see everything; an
// agent sees their own figures only (handleAgentReport checks whose).
func (s *Server) reportRoutes() {
	s.mux.HandleFunc("GET /reports", s.requireUser(s.requireLead(s.handleOverview)))
	s.mux.HandleFunc("GET /reports/teams", s.requireUser(s.requireLead(s.handleTeamReport)))
	s.mux.HandleFunc("GET /reports/csv/{table}", s.requireUser(s.requireLead(s.handleReportCSV)))
	s.mux.HandleFunc("GET /reports/agents/{id}", s.requireUser(s.handleAgentReport))
	s.mux.HandleFunc("GET /reports/agents/{id}/csv", s.requireUser(s.handleAgentCSV))
}

func (s *Server) channelRoutes() {
	s.mux.HandleFunc("GET /settings/channels", s.requireUser(s.requireAdmin(s.handleChannels)))
	s.mux.HandleFunc("POST /settings/channels", s.requireUser(s.requireAdmin(s.handleConnectChannel)))
	s.mux.HandleFunc("POST /settings/channels/{id}/test", s.requireUser(s.requireAdmin(s.handleTestChannel)))
	s.mux.HandleFunc("POST /settings/channels/{id}/pause", s.requireUser(s.requireAdmin(s.handlePauseChannel)))
	s.mux.HandleFunc("POST /settings/channels/{id}/delete", s.requireUser(s.requireAdmin(s.handleDeleteChannel)))
	s.mux.HandleFunc("POST /conversations/{id}/outbox/{item}/retry", s.requireUser(s.handleRetryReply))
	s.mux.HandleFunc("GET /attachments/{id}", s.requireUser(s.handleAttachment))
	s.mux.HandleFunc("GET /contacts/{id}", s.requireUser(s.handleContact))
	s.mux.HandleFunc("POST /contacts/{id}/link", s.requireUser(s.handleLinkContact))
	s.mux.HandleFunc("POST /contacts/{id}/unlink", s.requireUser(s.handleUnlinkContact))
	s.mux.HandleFunc("GET /articles", s.requireUser(s.handleArticles))
	s.mux.HandleFunc("GET /articles/{id}", s.requireUser(s.handleArticle))
	s.mux.HandleFunc("POST /articles", s.requireUser(s.requireLead(s.handleSaveArticle)))
	s.mux.HandleFunc("POST /articles/{id}", s.requireUser(s.requireLead(s.handleSaveArticle)))
	s.mux.HandleFunc("POST /alerts/{id}/article", s.requireUser(s.requireLead(s.handlePublishStatement)))
	s.mux.HandleFunc("POST /contacts/{id}/export", s.requireUser(s.requireLead(s.handleExportPerson)))
	s.mux.HandleFunc("POST /contacts/{id}/erase", s.requireUser(s.requireAdmin(s.handleErasePerson)))
	// Platforms push here; the signature, not a login, says who is calling.
	s.mux.HandleFunc("GET /hooks/{id}", s.handleWebhookVerify)
	s.mux.HandleFunc("POST /hooks/{id}", s.handleWebhookPush)
}

// ServeHTTP sets headers that keep untrusted content inert, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if s.viaHTTPS(r) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	s.observe(w, r)
}
