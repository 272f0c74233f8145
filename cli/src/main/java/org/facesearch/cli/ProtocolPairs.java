package org.facesearch.cli;

import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.sample.IndexPair;

/** A protocol file's pairs as indices into a model's crops of LFW. */
final class ProtocolPairs {
  private ProtocolPairs() {}

  static List<IndexPair> of(LfwDataset lfw, CachedCrops crops, String file) {
    List<IndexPair> out = new ArrayList<>();
    for (var pair : PairsFile.read(lfw.protocolFile(file)).pairs()) {
      out.add(
          new IndexPair(
              crops.indexOf(pair.a().resolve(lfw)),
              crops.indexOf(pair.b().resolve(lfw)),
              pair.same()));
    }
    return out;
  }
}
