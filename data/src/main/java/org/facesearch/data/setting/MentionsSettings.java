package org.facesearch.data.setting;

import java.util.List;
import java.util.Optional;

/**
 * An exception whose message may name the settings that fix it. Its {@link Throwable#getMessage} is
 * then the {@link #settingMessage} in domain words; a front end renders that sentence with its own
 * names for the settings instead.
 */
public interface MentionsSettings {
  /** The message as a sentence naming settings; empty when it names none. */
  Optional<SettingMessage> settingMessage();

  /** The setting to change first: the first one the message names. */
  default Optional<NamedSetting> setting() {
    return settings().stream().findFirst();
  }

  /** Every setting the message names, in its order. */
  default List<NamedSetting> settings() {
    return settingMessage().map(SettingMessage::settings).orElse(List.of());
  }
}
