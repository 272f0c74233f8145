package org.facesearch.evaluation;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/** The report folder cannot be written where asked; the message says where and why. */
public final class ReportWriteException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public ReportWriteException(String message) {
    this(message, null);
  }

  public ReportWriteException(String message, Throwable cause) {
    super(message, cause);
    this.settingMessage = null;
  }

  /** A message naming the setting that fixes it ({@link EvaluationSetting#REPORT}). */
  public ReportWriteException(SettingMessage message) {
    super(message.toString());
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
