package org.facesearch.model.engine;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/** The PyTorch engine cannot start as asked: a bad libtorch folder, no GPU for {@code gpu}, ... */
public final class EngineSetupException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public EngineSetupException(String message) {
    this(message, (Throwable) null);
  }

  public EngineSetupException(String message, Throwable cause) {
    super(message, cause);
    this.settingMessage = null;
  }

  /** A message naming the {@link EngineSetting}s that fix it. */
  public EngineSetupException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
