package org.facesearch.data.fetch;

import java.io.IOException;
import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * Fetching LFW failed: the network, the server, a checksum or the archive. The message says what
 * happened to which file and what the user can do about it.
 */
public class FetchException extends IOException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public FetchException(String message) {
    super(message);
    this.settingMessage = null;
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
    this.settingMessage = null;
  }

  /**
   * A message naming the setting that fixes it (e.g. {@link
   * org.facesearch.data.DataSetting#FORCE}).
   */
  public FetchException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
