using TextInpaint.Storage;

namespace TextInpaint.Tests.Storage;

public sealed class RunLockTests
{
    [Fact]
    public void A_second_trainer_cannot_take_a_folder_that_is_being_written()
    {
        using var temp = new TempFolder();
        using (RunLock.Acquire(temp.Path))
        {
            var error = Assert.Throws<UserInputException>(() => RunLock.Acquire(temp.Path));
            Assert.Contains(temp.Path, error.Message);
        }

        using var again = RunLock.Acquire(temp.Path);
    }
}
