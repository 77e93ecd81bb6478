// Replaces the webjar's initializer, which would load the Swagger pet store: this one shows the server's own
// document, found relative to /api/docs/ so that it also works where the routes are mounted under a prefix.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
