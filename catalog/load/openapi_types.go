package load

import (
	"reflect"

	"github.com/errdocs/errdocs/catalog"
)

// The parts of openapi.yaml the loader reads, as Go types, for the strict check (strict.go):
// each key errdocs reads must have the YAML kind these types give it, and each key starting
// with "x-errdocs" must be one these types name. Other keys are OpenAPI's business and pass;
// these structs are "open" (see openObject). The reader itself walks the YAML tree (oaReader).

// openObject marks a struct whose mapping may hold keys it does not name, except errdocs's own
// ("x-errdocs…").
type openObject interface{ openObject() }

var openObjectType = reflect.TypeOf((*openObject)(nil)).Elem()

// oaRef is a reference object's key, which any of these objects may be instead.
type oaRef struct {
	Ref string `yaml:"$ref"`
}

type oaDocument struct {
	OpenAPI    string `yaml:"openapi"`
	Paths      map[string]*oaPathItem
	Components *oaComponents
	// When names the checks a request goes through, each with its description.
	When map[string]string `yaml:"x-errdocs-when"`
}

type oaComponents struct {
	Schemas       map[string]*oaSchema
	Responses     map[string]*oaResponse
	Parameters    map[string]*oaParameter
	RequestBodies map[string]*oaRequestBody `yaml:"requestBodies"`
	Examples      map[string]*oaExample
	PathItems     map[string]*oaPathItem `yaml:"pathItems"`
	// SecuritySchemes are read for the session cookie an operation accepts (CookieAuth).
	SecuritySchemes map[string]*oaSecurityScheme `yaml:"securitySchemes"`
}

type oaSecurityScheme struct {
	Type string
	In   string
	Name string
	// Missing is the answer to a session sent without this header (an apiKey in: header).
	Missing *catalog.Issue `yaml:"x-errdocs-missing"`
}

type oaPathItem struct {
	oaRef      `yaml:",inline"`
	Parameters []*oaParameter
	Get        *oaOperation
	Put        *oaOperation
	Post       *oaOperation
	Delete     *oaOperation
	Options    *oaOperation
	Head       *oaOperation
	Patch      *oaOperation
	Trace      *oaOperation
}

type oaOperation struct {
	OperationID string `yaml:"operationId"`
	Summary     string
	Parameters  []*oaParameter
	RequestBody *oaRequestBody `yaml:"requestBody"`
	Responses   map[string]*oaResponse
	Security    []map[string][]string
	Key         string                  `yaml:"x-errdocs-key"`
	Scope       string                  `yaml:"x-errdocs-scope"`
	Inferred    bool                    `yaml:"x-errdocs-inferred"`
	Order       []string                `yaml:"x-errdocs-order"`
	Validation  *catalog.Validation     `yaml:"x-errdocs-validation"`
	Refused     []catalog.RefusedHeader `yaml:"x-errdocs-refused-headers"`
}

type oaParameter struct {
	oaRef    `yaml:",inline"`
	Name     string
	In       string
	Required bool
	Schema   *oaSchema
}

type oaRequestBody struct {
	oaRef    `yaml:",inline"`
	Required bool
	Content  map[string]*oaMedia
}

type oaResponse struct {
	oaRef       `yaml:",inline"`
	Description string
	Content     map[string]*oaMedia
}

type oaMedia struct {
	Schema   *oaSchema
	Example  any
	Examples map[string]*oaExample
}

type oaExample struct {
	oaRef   `yaml:",inline"`
	Summary string
	Value   any
	// When is the check whose failure this example answers.
	When string `yaml:"x-errdocs-when"`
}

type oaSchema struct {
	oaRef `yaml:",inline"`
	// Type is a name, or a list of names in OpenAPI 3.1.
	Type                 any
	Nullable             bool
	Enum                 []any
	Const                any
	Format               string
	Pattern              string
	MinLength            *int `yaml:"minLength"`
	MaxLength            *int `yaml:"maxLength"`
	MinItems             *int `yaml:"minItems"`
	MaxItems             *int `yaml:"maxItems"`
	Minimum              *float64
	Maximum              *float64
	ExclusiveMinimum     any `yaml:"exclusiveMinimum"` // a boolean in 3.0, a number in 3.1
	ExclusiveMaximum     any `yaml:"exclusiveMaximum"`
	Items                *oaSchema
	Required             []string
	Properties           map[string]*oaSchema
	AdditionalProperties any         `yaml:"additionalProperties"` // a boolean or a schema
	PropertyNames        *oaSchema   `yaml:"propertyNames"`
	AnyOf                []*oaSchema `yaml:"anyOf"`
	OneOf                []*oaSchema `yaml:"oneOf"`
	AllOf                []*oaSchema `yaml:"allOf"`
	Deprecated           bool
	Description          string
	Messages             map[string]string `yaml:"x-errdocs-messages"`
	Rule                 string            `yaml:"x-errdocs-rule"`
	RuleIssue            *catalog.Issue    `yaml:"x-errdocs-rule-issue"`
	Reserved             []string          `yaml:"x-errdocs-reserved"`
	ReservedIssue        *catalog.Issue    `yaml:"x-errdocs-reserved-issue"`
	SenderIssue          *oaSenderIssue    `yaml:"x-errdocs-sender-issue"`
	MaxTotalLength       *oaTotalLength    `yaml:"x-errdocs-max-total-length"`
	Lenient              string            `yaml:"x-errdocs-lenient"`
}

// oaSenderIssue is x-errdocs-sender-issue: an issue, the fields that make it moot, and its check.
type oaSenderIssue struct {
	catalog.Issue `yaml:",inline"`
	Unless        []string
	When          string
}

type oaTotalLength struct {
	Property string
	Max      int
	// Issue is the answer when the total is over Max; x-errdocs-rule-issue when not given.
	Issue *catalog.Issue
}

func (oaDocument) openObject()       {}
func (oaComponents) openObject()     {}
func (oaPathItem) openObject()       {}
func (oaOperation) openObject()      {}
func (oaParameter) openObject()      {}
func (oaRequestBody) openObject()    {}
func (oaResponse) openObject()       {}
func (oaMedia) openObject()          {}
func (oaExample) openObject()        {}
func (oaSchema) openObject()         {}
func (oaSecurityScheme) openObject() {}
