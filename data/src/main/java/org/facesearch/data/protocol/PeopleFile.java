package org.facesearch.data.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A people file of LFW's protocol. {@code peopleDevTrain.txt}/{@code peopleDevTest.txt} start with
 * the number of people, then {@code name n} lines. {@code people.txt} starts with the number of
 * folds; each fold is a count line followed by that many {@code name n} lines. The two are told
 * apart by the second line: a lone number is a fold's count.
 */
public record PeopleFile(Path source, List<List<Person>> folds) {

  public PeopleFile {
    Objects.requireNonNull(source, "source");
    folds = folds.stream().map(List::copyOf).toList();
  }

  /**
   * Parses a people file strictly; a person listed twice is an error.
   *
   * @throws ProtocolFormatException naming the file and line that break the format
   */
  public static PeopleFile read(Path file) {
    ProtocolReader in = ProtocolReader.open(file);
    String[] header = in.fields("a header: the number of people, or of folds");
    in.expectFields(header, 1, "a header: the number of people, or of folds");
    int headerValue = in.positive(header, 0, "the number of people, or of folds");
    Map<String, Integer> seenAt = new HashMap<>();
    List<List<Person>> folds = new ArrayList<>();
    if (in.peekFields().length == 1) {
      for (int fold = 1; fold <= headerValue; fold++) {
        String expected = "the number of people in fold " + fold + "/" + headerValue;
        String[] count = in.fields(expected);
        in.expectFields(count, 1, expected);
        folds.add(readPeople(in, in.positive(count, 0, expected), " of fold " + fold, seenAt));
      }
    } else {
      folds.add(readPeople(in, headerValue, "", seenAt));
    }
    in.expectEnd(seenAt.size() + " people");
    return new PeopleFile(file, folds);
  }

  private static List<Person> readPeople(
      ProtocolReader in, int count, String where, Map<String, Integer> seenAt) {
    List<Person> people = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String expected = "person " + i + "/" + count + where + " 'name n'";
      String[] f = in.fields(expected);
      in.expectFields(f, 2, expected);
      Person person = new Person(f[0], in.positive(f, 1, expected + ": a number of images"));
      Integer earlier = seenAt.putIfAbsent(person.name(), in.lineNumber());
      if (earlier != null) {
        throw in.error(in.lineNumber(), person.name() + " is already listed on line " + earlier);
      }
      people.add(person);
    }
    return people;
  }

  /** Everyone, in file order. */
  public List<Person> people() {
    return folds.stream().flatMap(List::stream).toList();
  }

  /** Everyone's name, in file order. */
  public List<String> names() {
    return people().stream().map(Person::name).toList();
  }
}
