// The API's documentation: Swagger UI over the app's own OpenAPI description (no inline
// script, so that the pages' Content-Security-Policy holds here too).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
