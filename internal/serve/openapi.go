package serve

import (
	_ "embed"
	"encoding/json"
	"net/http"
)

// openAPISpec describes every route; a test keeps the two in step.
//
//go:embed openapi.json
var openAPISpec []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, json.RawMessage(openAPISpec))
	return nil
}
