package org.facesearch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.data.assets.AssetPack;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.model.reference.ReferenceModel;

/**
 * The pretrained files facesearch can fetch, by the name {@code models fetch} takes: each reference
 * model by its model name, the BlazeFace detector as {@code blazeface}. The packs themselves are
 * declared where they are used (the detector's and the reference model's code).
 */
final class PretrainedPacks {
  private PretrainedPacks() {}

  static Map<String, AssetPack> byName() {
    Map<String, AssetPack> packs = new LinkedHashMap<>();
    packs.put("blazeface", BlazeFaceModel.PACK);
    for (ReferenceModel model : ReferenceModel.all()) {
      packs.put(model.name(), model.weights());
    }
    return packs;
  }

  static List<String> names() {
    return new ArrayList<>(byName().keySet());
  }
}
