package org.facesearch.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.facesearch.data.setting.InvalidSettingException;
import org.junit.jupiter.api.Test;

class CollectionLayoutTest {

  @Test
  void shardsAndReplicasOutOfRangeNameTheSetting() {
    InvalidSettingException shards =
        assertThrows(InvalidSettingException.class, () -> new CollectionLayout(0, 1));
    assertEquals("the number of shards must be in 1..1024, got 0", shards.getMessage());
    assertEquals(Optional.of(SolrSetting.SHARDS), shards.setting());

    InvalidSettingException replicas =
        assertThrows(InvalidSettingException.class, () -> new CollectionLayout(2, 17));
    assertEquals("the number of replicas must be in 1..16, got 17", replicas.getMessage());
    assertEquals(Optional.of(SolrSetting.REPLICAS), replicas.setting());
  }
}
