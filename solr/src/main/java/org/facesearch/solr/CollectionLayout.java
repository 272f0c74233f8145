package org.facesearch.solr;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.facesearch.data.setting.InvalidSettingException;

/**
 * How each gallery collection is spread: {@code shards} (the gallery split into that many parts,
 * each searched in parallel) and {@code replicas} (copies of each part, on different nodes, so a
 * node can fail). Chosen once by {@code facesearch solr setup}; every build's collection uses it.
 */
public record CollectionLayout(int shards, int replicas) {
  public static final CollectionLayout SINGLE = new CollectionLayout(1, 1);

  public CollectionLayout {
    if (shards < 1 || shards > 1024) {
      throw new InvalidSettingException(SolrSetting.SHARDS, " must be in 1..1024, got " + shards);
    }
    if (replicas < 1 || replicas > 16) {
      throw new InvalidSettingException(SolrSetting.REPLICAS, " must be in 1..16, got " + replicas);
    }
  }

  String toProperties() {
    Properties p = new Properties();
    p.setProperty("shards", Integer.toString(shards));
    p.setProperty("replicas", Integer.toString(replicas));
    StringWriter out = new StringWriter();
    try {
      p.store(out, "facesearch collection layout, written by `facesearch solr setup`");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static CollectionLayout fromProperties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      return new CollectionLayout(
          Integer.parseInt(p.getProperty("shards", "1")),
          Integer.parseInt(p.getProperty("replicas", "1")));
    } catch (IOException | IllegalArgumentException e) {
      return SINGLE;
    }
  }
}
