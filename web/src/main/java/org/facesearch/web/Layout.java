package org.facesearch.web;

/** The frame every page shares: head, navigation bar, main column. */
final class Layout {
  enum Tab {
    SEARCH("/", "Search"),
    VERIFY("/verify", "Verify"),
    GALLERY("/gallery", "Gallery"),
    STATUS("/status", "Status");

    final String href;
    final String label;

    Tab(String href, String label) {
      this.href = href;
      this.label = label;
    }
  }

  private Layout() {}

  /**
   * A whole page; {@code body} is trusted HTML, {@code title} is escaped; {@code active} may be
   * null (no tab highlighted).
   */
  static String page(String title, Tab active, String body, String... scripts) {
    StringBuilder nav = new StringBuilder();
    for (Tab tab : Tab.values()) {
      nav.append("<a href=\"")
          .append(tab.href)
          .append('"')
          .append(tab == active ? " class=\"active\" aria-current=\"page\"" : "")
          .append('>')
          .append(tab.label)
          .append("</a>");
    }
    StringBuilder js = new StringBuilder();
    for (String script : scripts) {
      js.append("<script src=\"/static/").append(script).append("\" defer></script>");
    }
    return """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>%s · facesearch</title>
    <link rel="stylesheet" href="/static/site.css">
    %s
    </head>
    <body>
    <header class="bar"><a class="brand" href="/">face<span>search</span></a><nav>%s</nav></header>
    <main>
    %s
    </main>
    <footer>Look-alike search over Labeled Faces in the Wild · <a href="/api/openapi.json">API</a></footer>
    </body>
    </html>
    """
        .formatted(Html.escape(title), js, nav, body);
  }
}
