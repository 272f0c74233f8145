package org.facesearch.trainer.run;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * The training loss stopped being a number. The message says at which step, which setting to lower,
 * and where the last good checkpoint is.
 */
public final class TrainingDivergedException extends IllegalStateException
    implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage message;

  TrainingDivergedException(SettingMessage message) {
    super(message.toString());
    this.message = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.of(message);
  }
}
