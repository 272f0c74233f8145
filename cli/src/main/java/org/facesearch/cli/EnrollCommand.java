package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.Photo;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.Enrollment;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.PersonName;
import org.facesearch.searcher.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facesearch enroll NAME PHOTO...}: add a person to the serving index. */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Add a person to the serving index without rebuilding it. All or nothing: if any photo has no"
          + " face, none is added (exit code 3).",
      "The framed faces are kept under <index>/enrolled/NAME/, so later builds include them."
    })
final class EnrollCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin DetectorOption detector;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "Letters, digits, '_' and '-', e.g. Ada_Lovelace.")
  String name;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PHOTO",
      description = "Photos of the person.")
  List<Path> photos;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  record EnrollJson(String name, List<String> images, String build) {}

  @Override
  public Integer call() {
    PersonName person = new PersonName(name);
    List<Photo> read = photos.stream().map(Photo::read).toList();
    GalleryIndex root = index.root();
    // Enrolled photos join the serving build's gallery, so they are embedded as it was.
    GalleryVectors vectors =
        root.current().map(b -> b.manifest().gallery()).orElse(GalleryVectors.MODEL);
    try (LoadedModel loaded = model.load(root);
        GalleryEmbedding gallery = GalleryEmbedding.of(loaded, vectors);
        FaceReader faces = detector.reader()) {
      Enrollment enrollment =
          new Enroller(root, gallery.gallery(), vectors, faces).enroll(person, read);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(
            out, new EnrollJson(person.value(), enrollment.images(), enrollment.build().name()));
      } else {
        out.printf(
            "Enrolled %s: %d photo(s) added to build %s%n",
            person, enrollment.images().size(), enrollment.build().name());
        enrollment.images().forEach(image -> out.println("  " + root.dir().resolve(image)));
        out.flush();
      }
      return 0;
    }
  }
}
