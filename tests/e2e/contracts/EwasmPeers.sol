// SPDX-License-Identifier: MIT
// EVM contracts that work with the Ewasm test contracts (scenarios/ewasm.mjs): TokenPayer calls the C token
// (tests/OasisEth.Ewasm.Tests/Contracts/token.c) as any ERC-20, and the Ewasm relay calls Recorder.
pragma solidity ^0.8.20;

interface IMintableToken {
    function balanceOf(address holder) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function mint(uint256 amount) external returns (bool);
}

/// A Solidity contract calling an Ewasm contract: mints for itself, pays out, reads balances, and sees its reverts.
contract TokenPayer {
    event Paid(address indexed to, uint256 amount, uint256 balanceAfter);

    function mintAndPay(IMintableToken token, address to, uint256 amount) external returns (uint256 balanceAfter) {
        require(token.mint(amount), "mint refused");
        require(token.transfer(to, amount), "transfer refused");
        balanceAfter = token.balanceOf(to);
        emit Paid(to, amount, balanceAfter);
    }

    /// The token's revert data as Solidity's catch hands it over (the C token reverts with raw bytes).
    function tryPay(IMintableToken token, address to, uint256 amount) external returns (bool paid, bytes memory reason) {
        try token.transfer(to, amount) returns (bool ok) {
            return (ok, "");
        } catch (bytes memory data) {
            return (false, data);
        }
    }
}

/// An EVM contract for the Ewasm relay to call: it records who called and keeps a running total.
contract Recorder {
    address public lastCaller;
    uint256 public total;

    event Recorded(address indexed caller, uint256 amount, uint256 total);

    function record(uint256 amount) external returns (uint256) {
        lastCaller = msg.sender;
        total += amount;
        emit Recorded(msg.sender, amount, total);
        return total;
    }

    function refuse() external pure {
        revert("recorder refuses");
    }
}
