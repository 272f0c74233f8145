package org.facesearch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.GalleryVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/enroll}: only with the admin token, and the person is then searchable. */
class AdminApiTest {
  private static final String TOKEN = "s3cret-token-for-tests";

  @Test
  void enrolmentNeedsTheTokenAndMakesThePersonSearchable(@TempDir Path dir) throws Exception {
    ServerSettings settings = TestSite.settings().withAdminToken(Optional.of(TOKEN));
    try (TestSite site =
        TestSite.withIndex(dir, List.of("Hugo_Chavez", "Serena_Williams"), settings)) {
      Path photo = LfwDataset.open(LfwTestData.root()).image("Jean_Chretien", 1).path();
      Multipart form =
          new Multipart()
              .field("name", "Jean_C")
              .file("photo", "jean.jpg", "image/jpeg", Files.readAllBytes(photo));

      assertEquals(401, enroll(site, form, null).statusCode());
      HttpResponse<String> wrong = enroll(site, form, "Bearer not-the-token");
      assertEquals(401, wrong.statusCode());
      assertEquals(401, TestSite.json(wrong).get("status").asInt());
      assertEquals(404, site.get("/api/identities/Jean_C").statusCode(), "nothing was added");

      HttpResponse<String> bad =
          enroll(
              site,
              new Multipart()
                  .field("name", "../etc")
                  .file("photo", "jean.jpg", "image/jpeg", Files.readAllBytes(photo)),
              "Bearer " + TOKEN);
      assertEquals(400, bad.statusCode(), bad.body());

      HttpResponse<String> done = enroll(site, form, "Bearer " + TOKEN);
      assertEquals(201, done.statusCode(), done.body());
      JsonNode answer = TestSite.json(done);
      assertEquals(
          List.of("enrolled/Jean_C/Jean_C_0001.jpg"),
          answer.get("images").valueStream().map(JsonNode::asString).toList());

      JsonNode query = TestSite.json(site.post("/api/query", TestSite.photoForm("photo", photo)));
      assertEquals("Jean_C", query.get("results").get(0).get("identity").asString());
      HttpResponse<byte[]> thumbnail =
          site.getBytes(query.get("results").get(0).get("thumbnail").asString());
      assertEquals(200, thumbnail.statusCode());
      assertTrue(thumbnail.body().length > 1000);
    }
  }

  @Test
  void anEnrolmentIntoATeacherGalleryIsEmbeddedByTheTeacherAndFoundByTheModel(@TempDir Path dir)
      throws Exception {
    ServerSettings settings = TestSite.settings().withAdminToken(Optional.of(TOKEN));
    try (TestSite site =
        TestSite.withTeacherIndex(
            dir, List.of("Hugo_Chavez", "Serena_Williams"), "../models/default", settings)) {
      LfwDataset lfw = LfwDataset.open(LfwTestData.root());
      Multipart form =
          new Multipart()
              .field("name", "Jean_C")
              .file(
                  "photo",
                  "jean.jpg",
                  "image/jpeg",
                  Files.readAllBytes(lfw.image("Jean_Chretien", 1).path()));
      HttpResponse<String> done = enroll(site, form, "Bearer " + TOKEN);
      assertEquals(201, done.statusCode(), done.body());
      assertEquals(GalleryVectors.TEACHER, site.root.current().orElseThrow().manifest().gallery());

      // Another photo of him, embedded by the model, finds the teacher's vector of the first.
      JsonNode query =
          TestSite.json(
              site.post(
                  "/api/query", TestSite.photoForm("photo", lfw.image("Jean_Chretien", 2).path())));
      assertEquals("Jean_C", query.get("results").get(0).get("identity").asString());
    }
  }

  private static HttpResponse<String> enroll(TestSite site, Multipart form, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(site.uri("/api/enroll"))
            .header("Content-Type", form.contentType())
            .POST(form.publisher());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return site.send(request.build());
  }
}
