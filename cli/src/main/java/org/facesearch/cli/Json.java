package org.facesearch.cli;

import java.io.PrintWriter;
import tools.jackson.databind.json.JsonMapper;

/** Machine-readable output: one pretty-printed JSON document on stdout. */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static void print(PrintWriter out, Object value) {
    out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    out.flush();
  }
}
