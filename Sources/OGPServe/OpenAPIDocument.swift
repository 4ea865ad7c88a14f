/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`. The tests validate
/// real responses of every operation against these schemas, so the two cannot drift apart.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "ogp — catalogue du gouvernement ouvert",
            "version": "1",
            "description": "Plans d’action OGP de la France, engagements, publications et jeux de données. Lecture seule. Erreurs au format application/problem+json (RFC 9457)."
          },
          "paths": {
            "/api/search": {
              "get": {
                "operationId": "search",
                "summary": "Recherche plein texte en français (classement d’ogp-search), filtres, facettes, pages.",
                "parameters": [
                  {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500}},
                  {"name": "kind", "in": "query", "description": "actionPlan, commitment, publication, dataset, organization, or a French name (engagement, jeu-de-données…); another value is a 400", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 10}, "explode": true},
                  {"name": "plan", "in": "query", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 10}, "explode": true},
                  {"name": "org", "in": "query", "description": "an organisation's name in any case and accents, or whole words of it (insee)", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 10}, "explode": true},
                  {"name": "publisher", "in": "query", "description": "an organisation's record id (organization:data.gouv.fr:…): the datasets it publishes, whatever name each gives it; another value is a 400", "schema": {"type": "array", "items": {"type": "string", "pattern": "^organization:"}, "maxItems": 10}, "explode": true},
                  {"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 10}, "explode": true},
                  {"name": "year", "in": "query", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 10}, "explode": true},
                  {"name": "since", "in": "query", "description": "YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date-time, as ogp-search --since", "schema": {"type": "string"}},
                  {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date"]}},
                  {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                  {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                  {"name": "facets", "in": "query", "schema": {"type": "boolean"}, "description": "Compter les facettes (par défaut non : c’est l’essentiel du coût d’une recherche)."}
                ],
                "responses": {
                  "200": {"description": "Une page de résultats", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResults"}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/records/{id}": {
              "get": {
                "operationId": "record",
                "summary": "Un enregistrement avec son plan, ses liens, les enregistrements qui le citent et son historique.",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Identifiant (kind:espace:id), encodé en pourcents ; ou un identifiant d’engagement OGP (FR0001), de plan (AP_FRA01, plan-2015-2017-gov) ou data.gouv.fr (24 caractères hexadécimaux)."}],
                "responses": {
                  "200": {"description": "L’enregistrement", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordDetails"}}}},
                  "404": {"$ref": "#/components/responses/Problem"},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/plans": {
              "get": {
                "operationId": "plans",
                "summary": "Les plans d’action et leurs engagements par statut.",
                "responses": {
                  "200": {"description": "Les plans", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Plans"}}}},
                  "503": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "health",
                "summary": "État du catalogue (dernière moisson) et de l’index.",
                "responses": {
                  "200": {"description": "Prêt", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                  "503": {"description": "Pas prêt", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}
                }
              }
            },
            "/catalog.jsonld": {
              "get": {
                "operationId": "dcat",
                "summary": "Les jeux de données en DCAT-AP (JSON-LD), par pages Hydra.",
                "parameters": [
                  {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                  {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
                ],
                "responses": {
                  "200": {"description": "Une page du catalogue DCAT", "content": {"application/ld+json": {"schema": {"type": "object", "required": ["@context", "@graph"]}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/catalog.ttl": {
              "get": {
                "operationId": "dcatTurtle",
                "summary": "Les jeux de données en DCAT-AP (Turtle), par pages Hydra (hydra:view, hydra:next).",
                "parameters": [
                  {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                  {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
                ],
                "responses": {
                  "200": {"description": "Une page du catalogue DCAT", "content": {"text/turtle; charset=utf-8": {"schema": {"type": "string"}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/catalog.rdf": {
              "get": {
                "operationId": "dcatRDFXML",
                "summary": "Les jeux de données en DCAT-AP (RDF/XML), par pages Hydra (hydra:view, hydra:next).",
                "parameters": [
                  {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                  {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
                ],
                "responses": {
                  "200": {"description": "Une page du catalogue DCAT", "content": {"application/rdf+xml": {"schema": {"type": "string"}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            }
          },
          "components": {
            "responses": {
              "Problem": {"description": "Erreur", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            },
            "schemas": {
              "Problem": {
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                  "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                  "detail": {"type": "string"}, "instance": {"type": "string"}
                }
              },
              "SearchResults": {
                "type": "object",
                "required": ["query", "total", "totalRelation", "didYouMean", "page", "pageSize", "hits", "facets"],
                "additionalProperties": false,
                "properties": {
                  "query": {"type": "string"},
                  "total": {"type": "integer", "minimum": 0, "description": "Nombre de résultats : exact jusqu’à 1 000 par défaut (toujours avec facets=true), au-delà un minimum (voir totalRelation)."},
                  "totalRelation": {"type": "string", "enum": ["eq", "gte"], "description": "eq : total exact ; gte : au moins total résultats (le comptage s’arrête à 1 000)."},
                  "didYouMean": {"type": ["string", "null"]},
                  "page": {"type": "integer", "minimum": 1},
                  "pageSize": {"type": "integer", "minimum": 1},
                  "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                  "facets": {"type": "object", "description": "Par type de facette (kind, plan, org, tag, year), les 20 valeurs les plus fréquentes.", "additionalProperties": {"type": "array", "maxItems": 20, "items": {"$ref": "#/components/schemas/FacetValue"}}}
                }
              },
              "Hit": {
                "type": "object",
                "required": ["rank", "id", "score", "kind", "title", "date", "source", "url", "plan", "number", "status", "ogpID", "organization", "license", "modified", "snippet"],
                "additionalProperties": false,
                "properties": {
                  "rank": {"type": "integer", "minimum": 1},
                  "id": {"type": "string"},
                  "score": {"type": "number"},
                  "kind": {"type": ["string", "null"]},
                  "title": {"type": ["string", "null"]},
                  "date": {"type": ["string", "null"]},
                  "source": {"type": ["string", "null"]},
                  "url": {"type": ["string", "null"]},
                  "plan": {"type": ["string", "null"], "description": "Engagements : la clé du plan (2018-2020-gov)."},
                  "number": {"type": ["string", "null"]},
                  "status": {"type": ["string", "null"]},
                  "ogpID": {"type": ["string", "null"]},
                  "organization": {"type": ["string", "null"], "description": "Jeux de données."},
                  "license": {"type": ["string", "null"]},
                  "modified": {"type": ["string", "null"]},
                  "snippet": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Snippet"}]}
                }
              },
              "Snippet": {
                "type": "object",
                "required": ["field", "text", "highlights"],
                "additionalProperties": false,
                "properties": {
                  "field": {"type": "string"},
                  "text": {"type": "string"},
                  "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}, "description": "Plages d’octets UTF-8 [début, fin) dans text."}
                }
              },
              "FacetValue": {
                "type": "object",
                "required": ["value", "count"],
                "additionalProperties": false,
                "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}
              },
              "Record": {
                "type": "object",
                "description": "Un enregistrement tel que l’exporte `ogp export` (config/schema/record.schema.json).",
                "required": ["id", "kind", "title", "language", "dates", "tags", "links", "provenance"],
                "properties": {
                  "id": {"type": "string"},
                  "kind": {"type": "string", "enum": ["actionPlan", "commitment", "publication", "dataset", "organization"]},
                  "title": {"type": "string"},
                  "summary": {"type": "string"},
                  "body": {"type": "string"},
                  "language": {"type": "string"},
                  "url": {"type": "string"},
                  "dates": {"type": "object"},
                  "tags": {"type": "array", "items": {"type": "string"}},
                  "links": {"type": "array", "items": {"type": "object", "required": ["relation", "target"], "properties": {"relation": {"type": "string"}, "target": {"type": "string"}}}},
                  "provenance": {"type": "array", "items": {"type": "object", "required": ["source", "url"]}},
                  "commitment": {"type": "object"},
                  "actionPlan": {"type": "object"},
                  "dataset": {"type": "object"},
                  "organization": {"type": "object"}
                }
              },
              "RecordRef": {
                "type": "object",
                "required": ["id"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "string"},
                  "kind": {"type": "string"},
                  "title": {"type": "string", "description": "Absent quand l’enregistrement lié n’est pas dans le catalogue."},
                  "status": {"type": "string", "enum": ["notStarted", "limited", "substantial", "complete", "unknown"]},
                  "number": {"type": "integer"},
                  "relation": {"type": "string", "enum": ["partOf", "reportsOn", "usesDataset", "publishedBy", "duplicateOf"]}
                }
              },
              "Version": {
                "type": "object",
                "required": ["version", "validFrom"],
                "additionalProperties": false,
                "properties": {
                  "version": {"type": "integer", "minimum": 1},
                  "validFrom": {"type": "string"},
                  "validTo": {"type": "string"},
                  "status": {"type": "string"}
                }
              },
              "RecordDetails": {
                "type": "object",
                "required": ["record", "plan", "links", "linkedFrom", "commitments", "history"],
                "additionalProperties": false,
                "properties": {
                  "record": {"$ref": "#/components/schemas/Record"},
                  "plan": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/RecordRef"}]},
                  "links": {"type": "array", "items": {"$ref": "#/components/schemas/RecordRef"}},
                  "linkedFrom": {"type": "array", "items": {"$ref": "#/components/schemas/RecordRef"}},
                  "commitments": {"type": "array", "items": {"$ref": "#/components/schemas/RecordRef"}},
                  "history": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}
                }
              },
              "PlanSummary": {
                "type": "object",
                "required": ["id", "title", "commitments", "statuses"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "string"},
                  "title": {"type": "string"},
                  "institution": {"type": "string"},
                  "startYear": {"type": "integer"},
                  "endYear": {"type": "integer"},
                  "commitments": {"type": "integer", "minimum": 0},
                  "announcedCommitments": {"type": "integer"},
                  "statuses": {"type": "object", "additionalProperties": {"type": "integer"}}
                }
              },
              "Plans": {
                "type": "object",
                "required": ["plans"],
                "additionalProperties": false,
                "properties": {"plans": {"type": "array", "items": {"$ref": "#/components/schemas/PlanSummary"}}}
              },
              "Health": {
                "type": "object",
                "required": ["status", "catalogue", "index"],
                "additionalProperties": false,
                "properties": {
                  "status": {"type": "string", "enum": ["ok", "unavailable"]},
                  "catalogue": {
                    "type": "object",
                    "required": ["ok", "counts", "lastRun", "error"],
                    "additionalProperties": false,
                    "properties": {
                      "ok": {"type": "boolean"},
                      "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                      "lastRun": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["id", "startedAt", "status"], "properties": {"id": {"type": "string"}, "startedAt": {"type": "string"}, "endedAt": {"type": ["string", "null"]}, "status": {"type": "string"}}}]},
                      "error": {"type": ["string", "null"]}
                    }
                  },
                  "index": {
                    "type": "object",
                    "required": ["ok", "generation", "documents", "error"],
                    "additionalProperties": false,
                    "properties": {
                      "ok": {"type": "boolean"},
                      "generation": {"type": ["integer", "null"]},
                      "documents": {"type": ["integer", "null"]},
                      "error": {"type": ["string", "null"]}
                    }
                  }
                }
              }
            }
          }
        }
        """#
}
