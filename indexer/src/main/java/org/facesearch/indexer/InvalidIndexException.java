package org.facesearch.indexer;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * An index folder whose files are missing or damaged; the message names the file. A front end adds
 * how to build a new index in its own words, unless the message names settings that fix it.
 */
public final class InvalidIndexException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public InvalidIndexException(String message) {
    this(message, null);
  }

  public InvalidIndexException(String message, Throwable cause) {
    super(message, cause);
    this.settingMessage = null;
  }

  /** A message naming the settings that point at another index or build a new one. */
  public InvalidIndexException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
