package org.facesearch.data;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * No usable LFW copy where one was expected. The message says which folder was looked at, why it
 * was rejected, and how to get the data.
 */
public final class DataNotFoundException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public DataNotFoundException(String message) {
    super(message);
    this.settingMessage = null;
  }

  /** A message naming the setting that chose the folder (the data folder). */
  public DataNotFoundException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
