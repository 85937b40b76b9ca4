import Foundation

/// The API's contract, OpenAPI 3.1, served at `/openapi.json`. Every route of `Routes` is in it
/// and every path in it is a route (a test checks both ways).
public enum OpenAPIDocument {
    public static var data: Data { Data(text.utf8) }

    public static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Portfolio tracker API",
        "version": "1",
        "description": "Read-only access to the portfolio of financed projects: projects, reports as of any date, rollup snapshots and the job queue's figures. Money is a decimal string with its currency, never a JSON number. Errors are application/problem+json (RFC 9457) with a stable type per kind. Answers carry an ETag; send it back in If-None-Match to get 304 while nothing changed. On an address other than loopback every request needs Authorization: Bearer TOKEN (portfolio token create)."
      },
      "servers": [{"url": "/"}],
      "security": [{}, {"bearer": []}],
      "paths": {
        "/api/v1/projects": {
          "get": {
            "operationId": "listProjects",
            "summary": "Projects by code, filtered, a page at a time",
            "parameters": [
              {"name": "sector", "in": "query", "schema": {"$ref": "#/components/schemas/SectorCode"}},
              {"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/Status"}},
              {"name": "lender", "in": "query", "schema": {"$ref": "#/components/schemas/Text"}, "description": "A lender's name, regardless of case; empty for any."},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
              {"name": "cursor", "in": "query", "schema": {"$ref": "#/components/schemas/Text"}, "description": "next_cursor of the previous page: the page starts after that code."}
            ],
            "responses": {
              "200": {"description": "A page of projects", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProjectPage"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/projects/{code}": {
          "get": {
            "operationId": "getProject",
            "summary": "One project with its status history, scheduled changes, ledger and source",
            "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Code"}}],
            "responses": {
              "200": {"description": "The project", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProjectDetail"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/reports/{kind}": {
          "get": {
            "operationId": "getReport",
            "summary": "A report of the portfolio, byte for byte as 'portfolio report KIND' writes it",
            "description": "JSON by default; text/csv, text/markdown, text/html (the whole dashboard page) and text/plain (the table) by Accept or format. 409 when the data cannot answer (no rate into the currency asked).",
            "parameters": [
              {"name": "kind", "in": "path", "required": true,
               "schema": {"type": "string", "enum": ["sectors", "statuses", "lenders", "progress", "trend"]}},
              {"name": "as_of", "in": "query", "schema": {"$ref": "#/components/schemas/Date"}},
              {"name": "as_recorded", "in": "query", "schema": {"$ref": "#/components/schemas/RecordingTime"}, "description": "A date (its end, UTC) or a timestamp with its zone."},
              {"name": "currency", "in": "query", "schema": {"$ref": "#/components/schemas/Currency"}},
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "markdown", "html", "table"]}}
            ],
            "responses": {
              "200": {"description": "The report", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {}}, "text/csv": {"schema": {"type": "string"}},
                                  "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
                                  "text/plain": {"schema": {"type": "string"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "406": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/reports/financing": {
          "get": {
            "operationId": "getFinancing",
            "summary": "Each lender's financing from the ledger, as 'portfolio report financing' writes it",
            "description": "JSON by default; text/csv, text/markdown and text/plain by Accept or format (no HTML).",
            "parameters": [
              {"name": "as_of", "in": "query", "schema": {"$ref": "#/components/schemas/Date"}},
              {"name": "as_recorded", "in": "query", "schema": {"$ref": "#/components/schemas/RecordingTime"}, "description": "A date (its end, UTC) or a timestamp with its zone."},
              {"name": "currency", "in": "query", "schema": {"$ref": "#/components/schemas/Currency"}},
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "markdown", "table"]}}
            ],
            "responses": {
              "200": {"description": "The report", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {}}, "text/csv": {"schema": {"type": "string"}},
                                  "text/markdown": {"schema": {"type": "string"}},
                                  "text/plain": {"schema": {"type": "string"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "406": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/reports/disbursements": {
          "get": {
            "operationId": "getDisbursements",
            "summary": "Disbursed and repaid amounts per period, as 'portfolio report disbursements' writes it",
            "description": "JSON by default; text/csv, text/markdown, text/html (with its chart) and text/plain by Accept or format.",
            "parameters": [
              {"name": "as_of", "in": "query", "schema": {"$ref": "#/components/schemas/Date"}},
              {"name": "as_recorded", "in": "query", "schema": {"$ref": "#/components/schemas/RecordingTime"}, "description": "A date (its end, UTC) or a timestamp with its zone."},
              {"name": "currency", "in": "query", "schema": {"$ref": "#/components/schemas/Currency"}},
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "markdown", "html", "table"]}},
              {"name": "period", "in": "query", "schema": {"type": "string", "enum": ["month", "quarter"]}},
              {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["sector", "lender"]}},
              {"name": "from", "in": "query", "schema": {"$ref": "#/components/schemas/Date"}, "description": "Periods before this date's are left out."}
            ],
            "responses": {
              "200": {"description": "The report", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {}}, "text/csv": {"schema": {"type": "string"}},
                                  "text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
                                  "text/plain": {"schema": {"type": "string"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "406": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/rollups": {
          "get": {
            "operationId": "listRollups",
            "summary": "Rollup snapshots, newest first",
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}}],
            "responses": {
              "200": {"description": "Snapshots", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/SnapshotRow"}}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/rollups/{id}": {
          "get": {
            "operationId": "getRollup",
            "summary": "One snapshot with every breakdown",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}],
            "responses": {
              "200": {"description": "The snapshot", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {"type": "object"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/rollups/{id}/diff/{other}": {
          "get": {
            "operationId": "diffRollups",
            "summary": "What moved between two snapshots, with back-dated corrections apart",
            "parameters": [
              {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
               "description": "The earlier snapshot."},
              {"name": "other", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
               "description": "The later snapshot."}
            ],
            "responses": {
              "200": {"description": "The difference", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                      "content": {"application/json": {"schema": {"type": "object",
                        "required": ["from", "to", "diff", "corrections", "movement", "projects"]}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/jobs/stats": {
          "get": {
            "operationId": "jobStats",
            "summary": "Jobs by kind and state, and how long the oldest due one waited",
            "responses": {
              "200": {"description": "The queue's figures", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/api/v1/events": {
          "get": {
            "operationId": "events",
            "summary": "Server-Sent Events: 'event: change' each time the portfolio changes (bursts coalesced), a comment every 30 s otherwise",
            "responses": {
              "200": {"description": "An endless event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
              "401": {"$ref": "#/components/responses/Problem"},
              "429": {"$ref": "#/components/responses/Problem"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/health": {
          "get": {
            "operationId": "health",
            "summary": "Whether the process answers",
            "security": [{}],
            "responses": {"200": {"description": "Up", "content": {"application/json": {"schema": {"type": "object"}}}}}
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "openAPI",
            "summary": "This document",
            "responses": {"200": {"description": "The contract", "content": {"application/json": {"schema": {"type": "object"}}}},
                          "401": {"$ref": "#/components/responses/Problem"}}
          }
        },
        "/": {
          "get": {
            "operationId": "dashboard",
            "summary": "The dashboard page: the HTML report, a form for date, currency and filters, the projects",
            "parameters": [
              {"name": "as_of", "in": "query", "schema": {"anyOf": [{"$ref": "#/components/schemas/Date"}, {"$ref": "#/components/schemas/Empty"}]}},
              {"name": "currency", "in": "query", "schema": {"anyOf": [{"$ref": "#/components/schemas/Currency"}, {"$ref": "#/components/schemas/Empty"}]}},
              {"name": "sector", "in": "query", "schema": {"anyOf": [{"$ref": "#/components/schemas/SectorCode"}, {"$ref": "#/components/schemas/Empty"}]}},
              {"name": "status", "in": "query", "schema": {"anyOf": [{"$ref": "#/components/schemas/Status"}, {"$ref": "#/components/schemas/Empty"}]}},
              {"name": "lender", "in": "query", "schema": {"$ref": "#/components/schemas/Text"}},
              {"name": "after", "in": "query", "schema": {"$ref": "#/components/schemas/Text"}, "description": "List the projects after this code (100 a page)."}
            ],
            "responses": {
              "200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "400": {"$ref": "#/components/responses/Problem"},
              "401": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/projects/{code}": {
          "get": {
            "operationId": "projectPage",
            "summary": "A project's page",
            "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Code"}}],
            "responses": {
              "200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}},
              "304": {"$ref": "#/components/responses/NotModified"},
              "401": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "headers": {"ETag": {"schema": {"type": "string"}, "description": "Send back in If-None-Match."}},
        "responses": {
          "NotModified": {"description": "Nothing changed since the ETag sent in If-None-Match"},
          "Problem": {"description": "An error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Date": {"type": "string", "format": "date", "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
          "RecordingTime": {"anyOf": [{"$ref": "#/components/schemas/Date"},
            {"type": "string", "format": "date-time",
             "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"}]},
          "Currency": {"type": "string", "enum": ["AED", "AUD", "BHD", "BRL", "BYN", "CAD", "CHF", "CLP", "CNY", "EGP", "ETB", "EUR", "GBP", "HKD", "IDR", "INR", "ISK", "JOD", "JPY", "KES", "KRW", "KWD", "KZT", "NGN", "OMR", "PKR", "PLN", "RUB", "SAR", "SGD", "TND", "TRY", "UAH", "USD", "UZS", "VND", "ZAR"]},
          "SectorCode": {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,31}$"},
          "Text": {"type": "string", "pattern": "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"},
          "Code": {"type": "string", "minLength": 1, "pattern": "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"},
          "Empty": {"type": "string", "maxLength": 0},
          "Problem": {
            "type": "object", "required": ["type", "title", "status", "detail"],
            "properties": {"type": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                           "status": {"type": "integer"}, "detail": {"type": "string"}}
          },
          "Status": {"type": "string", "enum": ["pledged", "committed", "ongoing", "finished", "suspended", "cancelled"]},
          "Money": {
            "type": "object", "required": ["amount", "currency"],
            "properties": {"amount": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}
          },
          "Project": {
            "type": "object", "required": ["code", "name", "sector", "status", "value", "value_date", "lenders"],
            "properties": {
              "code": {"type": "string"}, "name": {"type": "string"}, "sector": {"type": "string"},
              "status": {"$ref": "#/components/schemas/Status"}, "value": {"$ref": "#/components/schemas/Money"},
              "value_date": {"type": "string", "format": "date"},
              "lenders": {"type": "array", "items": {"type": "object"}},
              "start_date": {"type": ["string", "null"], "format": "date"}, "end_date": {"type": ["string", "null"], "format": "date"},
              "location": {"type": ["string", "null"]}, "description": {"type": ["string", "null"]},
              "version": {"type": "integer"}
            }
          },
          "ProjectPage": {
            "type": "object", "required": ["items"],
            "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}}, "next_cursor": {"type": "string"}}
          },
          "ProjectDetail": {
            "type": "object", "required": ["project", "history", "scheduled", "transactions"],
            "properties": {"project": {"$ref": "#/components/schemas/Project"}, "history": {"type": "array"}, "scheduled": {"type": "array"},
                           "transactions": {"type": "array"}, "source": {"type": "object"}}
          },
          "SnapshotRow": {
            "type": "object",
            "required": ["id", "taken_at", "as_of", "trigger", "projects", "total", "counted", "progress", "currency"],
            "properties": {"id": {"type": "string"}, "taken_at": {"type": "string"}, "as_of": {"type": "string"}, "trigger": {"type": "string"},
                           "projects": {"type": "string"}, "total": {"type": "string"}, "counted": {"type": "string"},
                           "progress": {"type": "string"}, "currency": {"type": "string"}}
          }
        }
      }
    }
    """#
}
