package org.facesearch.indexer;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/** A freshly written build failed its checks and was discarded; the serving build is unchanged. */
public final class BuildVerificationException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public BuildVerificationException(String message) {
    super(message);
    this.settingMessage = null;
  }

  /** A message naming the build settings that would make the check pass. */
  public BuildVerificationException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
