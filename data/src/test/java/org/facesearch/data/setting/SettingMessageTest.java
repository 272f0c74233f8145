package org.facesearch.data.setting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.facesearch.data.DataSetting;
import org.junit.jupiter.api.Test;

class SettingMessageTest {

  @Test
  void oneSentenceReadsInDomainWordsOrWithAFrontEndsNames() {
    InvalidSettingException e =
        new InvalidSettingException(
            "folder {0} is taken; change ", DataSetting.DATA_FOLDER, " or use ", DataSetting.FORCE);

    assertEquals(
        "folder {0} is taken; change the data folder or use the force option", e.getMessage());
    assertEquals(
        "folder {0} is taken; change --data-dir or use --replace",
        e.settingMessage()
            .orElseThrow()
            .render(s -> s == DataSetting.DATA_FOLDER ? "--data-dir" : "--replace"));
    assertEquals(Optional.of(DataSetting.DATA_FOLDER), e.setting());
    assertEquals(List.of(DataSetting.DATA_FOLDER, DataSetting.FORCE), e.settings());
  }

  @Test
  void aNestedMessageKeepsItsSettingsInOrder() {
    SettingMessage inner = SettingMessage.of("use ", DataSetting.FORCE);
    SettingMessage outer = SettingMessage.of(DataSetting.DATA_FOLDER, " is full: ", inner, ".");

    assertEquals("the data folder is full: use the force option.", outer.toString());
    assertEquals(List.of(DataSetting.DATA_FOLDER, DataSetting.FORCE), outer.settings());
    assertEquals("null and 3", SettingMessage.of(null, " and ", 3).toString());
    assertEquals(List.of(), SettingMessage.of("plain").settings());
  }
}
