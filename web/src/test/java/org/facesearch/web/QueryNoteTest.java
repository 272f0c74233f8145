package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.facesearch.searcher.Identification;
import org.facesearch.searcher.Identification.Reason;
import org.junit.jupiter.api.Test;

/** The search page's note: the searcher's sentence, with the fix in the web's words. */
class QueryNoteTest {
  private static final String MESSAGE =
      "index build 20261130-120000-000 has no look-alike calibration";

  @Test
  void eachReasonGetsTheWebsFixNeverACommand() {
    for (Reason reason : Reason.values()) {
      String note = QueryApi.note(new Identification.Unavailable(reason, MESSAGE));
      assertFalse(note.contains("facesearch ") || note.contains("--"), note);
    }
    assertEquals(
        MESSAGE + "; re-indexing the gallery fits one",
        QueryApi.note(new Identification.Unavailable(Reason.BUILT_BEFORE_LOOK_ALIKES, MESSAGE)));
    assertEquals(
        MESSAGE + "; re-indexing the gallery fits a new one",
        QueryApi.note(new Identification.Unavailable(Reason.UNUSABLE, MESSAGE)));
  }
}
