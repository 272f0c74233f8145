package org.facesearch.data.setting;

import java.util.Optional;

/**
 * A setting's value that cannot work as asked (a folder that already exists, a batch larger than
 * the data, a teacher an objective does not take). The message names the setting in domain words; a
 * front end names it its own way through {@link #settingMessage}.
 */
public class InvalidSettingException extends IllegalArgumentException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage message;

  /** The sentence from {@code parts}, as {@link SettingMessage#of} reads them. */
  public InvalidSettingException(Object... parts) {
    this(SettingMessage.of(parts));
  }

  public InvalidSettingException(SettingMessage message) {
    super(message.toString());
    this.message = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.of(message);
  }
}
