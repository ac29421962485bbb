using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Privacy;

/// <summary>Privacy's part of the state read as if it were the state's own (<c>turn.State.ErasureRequested</c>).</summary>
public static class PrivacyStateAccess
{
    extension(ConversationState state)
    {
        /// <inheritdoc cref="PrivacyState.ErasureRequested"/>
        public bool ErasureRequested
        {
            get => state.Get(PrivacyState.Slot).ErasureRequested;
            set => state.Get(PrivacyState.Slot).ErasureRequested = value;
        }
    }
}
